package dev.runsapi.mock.http;

import dev.runsapi.mock.config.MockSetup;
import dev.runsapi.mock.config.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/** The contract the mock implements, its interactive documentation, and a health check. */
@RestController
public class ContractController {
  static final String CONTRACT_RESOURCE = "openapi/runs-api.yaml";
  private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

  /** The contract's top-level {@code servers:} key and the indentation of its first entry. */
  private static final Pattern SERVERS = Pattern.compile("(?m)^servers:\\R([ ]*)- ");

  /** A URL of this server as a client reached it, safe to write into YAML unquoted. */
  private static final Pattern SAFE_ORIGIN = Pattern.compile("https?://[A-Za-z0-9.\\-]+(?::[0-9]+)?"
      + "|https?://\\[[0-9A-Fa-f:.]+\\](?::[0-9]+)?");

  static final String MOCK_SERVER_DESCRIPTION =
      "This reference mock server, the one that serves this document (its test tenants are on its /docs page).";

  private final String contract = new String(resource(CONTRACT_RESOURCE), StandardCharsets.UTF_8);
  private final String docsPage;

  public ContractController(MockSetup setup) {
    this.docsPage = docsPage(swaggerUiVersion(), setup);
  }

  /**
   * The contract, with this server as its first server, so that "Try it out" and generated
   * clients that take the first server talk to the mock the reader is looking at. The rest of the
   * document is the file as it is, its own servers included.
   */
  @GetMapping("/openapi.yaml")
  public ResponseEntity<byte[]> openapi(HttpServletRequest request) {
    return ResponseEntity.ok().contentType(YAML)
        .body(withFirstServer(contract, origin(request)).getBytes(StandardCharsets.UTF_8));
  }

  @GetMapping("/docs")
  public ResponseEntity<String> docs() {
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(docsPage);
  }

  @GetMapping("/health")
  public Map<String, String> health() {
    return Map.of("status", "UP");
  }

  /**
   * The URL the client used to reach this server (its Host header): behind a container's port
   * mapping that is the one that works for the client, not the address the server listens on.
   */
  static String origin(HttpServletRequest request) {
    String host = request.getServerName();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    String origin = request.getScheme() + "://" + host + ":" + request.getServerPort();
    if (SAFE_ORIGIN.matcher(origin).matches()) {
      return origin;
    }
    return "http://" + request.getLocalAddr() + ":" + request.getLocalPort();
  }

  /** {@code contract} with {@code url} inserted as the first entry of its top-level servers. */
  static String withFirstServer(String contract, String url) {
    Matcher servers = SERVERS.matcher(contract);
    if (!servers.find()) {
      throw new IllegalStateException(CONTRACT_RESOURCE + " has no top-level servers list");
    }
    String indent = servers.group(1);
    int at = servers.start(1);
    return contract.substring(0, at)
        + indent + "- url: " + url + "\n"
        + indent + "  description: " + MOCK_SERVER_DESCRIPTION + "\n"
        + contract.substring(at);
  }

  private static byte[] resource(String name) {
    try (InputStream in = ContractController.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is not on the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String swaggerUiVersion() {
    Properties properties = new Properties();
    try {
      properties.load(new ByteArrayInputStream(
          resource("META-INF/maven/org.webjars/swagger-ui/pom.properties")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  /**
   * Swagger UI from the webjar, no network, on this server's copy of the contract (whose first
   * server is this one). Above it, the test tenants of this mock, as the ready line names them;
   * "Authorize" takes a key once for every request. "Try it out" starts with the first tenant's
   * app, the contract's example window and paging, and no filter, so that its first "Execute"
   * answers runs of the built-in dataset.
   */
  private static String docsPage(String version, MockSetup setup) {
    String base = "/webjars/swagger-ui/" + version + "/";
    String rows = setup.tenants().all().stream().map(ContractController::tenantRow)
        .collect(Collectors.joining("\n"));
    String firstApp = setup.tenants().all().get(0).apps().get(0);
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Runs API — reference mock server</title>
          <link rel="stylesheet" href="%1$sswagger-ui.css">
          <style>
            #mock-tenants { font-family: sans-serif; max-width: 1420px; margin: 1em auto 0; padding: 0 20px; color: #3b4151; }
            #mock-tenants table { border-collapse: collapse; }
            #mock-tenants th, #mock-tenants td { text-align: left; padding: 2px 12px 2px 0; }
            #mock-tenants code { font-size: 14px; }
          </style>
        </head>
        <body>
          <section id="mock-tenants" data-first-app="%2$s">
            <p><strong>Reference mock server.</strong> "Try it out" sends requests to this server.
            Its test tenants (test keys of this mock only): click <em>Authorize</em>, put a key in
            <code>X-API-Key</code> (or <code>api_key</code>), then <em>Try it out</em> with one of that
            tenant's apps as <code>app_id</code>.</p>
            <table>
              <thead><tr><th>tenant</th><th>app_id</th><th>api_key</th></tr></thead>
              <tbody>
        %3$s
              </tbody>
            </table>
          </section>
          <div id="swagger-ui"></div>
          <script src="%1$sswagger-ui-bundle.js"></script>
          <script>
            var firstApp = document.getElementById("mock-tenants").getAttribute("data-first-app");
            window.ui = SwaggerUIBundle({
              url: "/openapi.yaml",
              dom_id: "#swagger-ui",
              validatorUrl: null,
              requestSnippetsEnabled: true,
              onComplete: function () {
                // Set before the operation is opened, these win over the contract's examples:
                // its example app is not one of this mock's, and its filters together match nothing here.
                var operation = ["/api/v1/run", "get"];
                ui.specActions.changeParam(operation, "app_id", "query", firstApp);
                ["search", "min_duration", "max_duration"].forEach(function (name) {
                  ui.specActions.changeParam(operation, name, "query", null);
                });
                ["models", "tags", "type"].forEach(function (name) {
                  ui.specActions.changeParam(operation, name, "query", ui.Im.List());
                });
              }
            });
          </script>
        </body>
        </html>
        """.formatted(base, HtmlUtils.htmlEscape(firstApp), rows);
  }

  private static String tenantRow(Tenant tenant) {
    return "        <tr><td>" + HtmlUtils.htmlEscape(tenant.name()) + "</td><td>"
        + codes(tenant.apps()) + "</td><td>" + codes(tenant.keys()) + "</td></tr>";
  }

  private static String codes(java.util.List<String> values) {
    return values.stream().map(v -> "<code>" + HtmlUtils.htmlEscape(v) + "</code>")
        .collect(Collectors.joining(" "));
  }
}
