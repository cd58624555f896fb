package dev.runsapi.mock.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The contract the mock implements, its interactive documentation, and a health check. */
@RestController
public class ContractController {
  static final String CONTRACT_RESOURCE = "openapi/runs-api.yaml";
  private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

  private final byte[] contract = resource(CONTRACT_RESOURCE);
  private final String docsPage = docsPage(swaggerUiVersion());

  @GetMapping("/openapi.yaml")
  public ResponseEntity<byte[]> openapi() {
    return ResponseEntity.ok().contentType(YAML).body(contract);
  }

  @GetMapping("/docs")
  public ResponseEntity<String> docs() {
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(docsPage);
  }

  @GetMapping("/health")
  public Map<String, String> health() {
    return Map.of("status", "UP");
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
   * Swagger UI from the webjar, no network. "Try it out" is sent to this server whatever the
   * contract's {@code servers} say, so that it works on any port.
   */
  private static String docsPage(String version) {
    String base = "/webjars/swagger-ui/" + version + "/";
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Runs API — reference mock server</title>
          <link rel="stylesheet" href="%1$sswagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="%1$sswagger-ui-bundle.js"></script>
          <script>
            window.ui = SwaggerUIBundle({
              url: "/openapi.yaml",
              dom_id: "#swagger-ui",
              requestInterceptor: function (request) {
                var target = new URL(request.url, window.location.href);
                if (target.pathname.indexOf("/api/") === 0) {
                  request.url = window.location.origin + target.pathname + target.search;
                }
                return request;
              }
            });
          </script>
        </body>
        </html>
        """.formatted(base);
  }

}
