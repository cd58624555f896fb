package dev.runsapi.mock.config;

import java.util.List;

/** A customer of the service: the apps it owns and the API keys that read them. */
public record Tenant(String name, List<String> apps, List<String> keys) {
  public Tenant {
    apps = List.copyOf(apps);
    keys = List.copyOf(keys);
  }
}
