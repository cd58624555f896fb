package dev.runsapi.mock.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who may read what: every tenant, and lookups from a key or an app to its tenant. */
public final class Tenants {
  /** ADR 0002's default tenants. */
  public static final Tenants DEFAULT =
      new Tenants(
          List.of(
              new Tenant("acme", List.of("app-acme"), List.of("key-acme-0001")),
              new Tenant("globex", List.of("app-globex"), List.of("key-globex-0002"))));

  private final List<Tenant> all;
  private final Map<String, Tenant> byKey = new HashMap<>();
  private final Map<String, Tenant> byApp = new HashMap<>();

  /** Checks that every tenant has an app and a key and that no app or key is shared. */
  public Tenants(List<Tenant> tenants) {
    if (tenants.isEmpty()) {
      throw new ConfigException("no tenant is configured");
    }
    this.all = List.copyOf(tenants);
    for (Tenant tenant : all) {
      if (tenant.apps().isEmpty() || tenant.keys().isEmpty()) {
        throw new ConfigException("tenant \"" + tenant.name() + "\" needs at least one app and one key");
      }
      for (String app : tenant.apps()) {
        if (app.isEmpty() || app.codePointCount(0, app.length()) > 200 || hasSpace(app)) {
          throw new ConfigException(
              "app id \"" + app + "\" must have 1 to 200 characters and no white space");
        }
        Tenant before = byApp.putIfAbsent(app, tenant);
        if (before != null) {
          throw new ConfigException("app id \"" + app + "\" is given twice (tenants \""
              + before.name() + "\" and \"" + tenant.name() + "\")");
        }
      }
      for (String key : tenant.keys()) {
        if (key.isEmpty() || hasSpace(key)) {
          throw new ConfigException("tenant \"" + tenant.name()
              + "\" has an API key that is empty or holds white space");
        }
        Tenant before = byKey.putIfAbsent(key, tenant);
        if (before != null) {
          throw new ConfigException("API key \"" + key + "\" is given twice (tenants \""
              + before.name() + "\" and \"" + tenant.name() + "\")");
        }
      }
    }
  }

  /** The ready line separates its fields by spaces, and a header value cannot hold line breaks. */
  private static boolean hasSpace(String s) {
    return s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
  }

  public List<Tenant> all() {
    return all;
  }

  public Optional<Tenant> byKey(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  public Optional<Tenant> byApp(String app) {
    return Optional.ofNullable(byApp.get(app));
  }

  /** The app runs from a data file belong to when they name none. */
  public String firstApp() {
    return all.get(0).apps().get(0);
  }
}
