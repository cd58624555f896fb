package dev.runsapi.mock.junit;

import java.net.URI;

/**
 * A running mock server as a test sees it: where it listens and the credentials of its tenants.
 * Injected into test and lifecycle method parameters and fields of this type.
 *
 * @param url base URL, {@code http://127.0.0.1:PORT} (no trailing slash)
 * @param port the free port it was given
 * @param appId the first tenant's first app
 * @param apiKey the first tenant's first key (it reads {@code appId})
 * @param otherAppId the second tenant's first app, or null when there is one tenant
 * @param otherApiKey the second tenant's first key, or null when there is one tenant
 * @param readyLine the line the mock prints when started as a jar (ADR 0002)
 */
public record RunsMock(
    String url,
    int port,
    String appId,
    String apiKey,
    String otherAppId,
    String otherApiKey,
    String readyLine) {

  public URI uri() {
    return URI.create(url);
  }

  /** The listing endpoint, {@code url + "/api/v1/run"}. */
  public String runsUrl() {
    return url + "/api/v1/run";
  }
}
