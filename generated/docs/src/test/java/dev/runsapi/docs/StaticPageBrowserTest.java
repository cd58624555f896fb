package dev.runsapi.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.docs.browser.HeadlessChromium;
import dev.runsapi.docs.browser.SwaggerUi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.yaml.snakeyaml.Yaml;

/**
 * The static documentation page in headless Chromium, opened from the file system as a reader
 * would: it renders the operation with no network, and the request it builds for the contract's
 * example values is the one the contract prescribes (arrays as repeated parameters, values
 * percent-encoded, the key where the reader authorized it).
 */
class StaticPageBrowserTest {
  private static final String KEY = "key-from-the-reader";

  @Test
  void page_openedFromFile_rendersTheOperationAndItsSampleRequestFollowsTheContract() throws IOException {
    Path page = Path.of(System.getProperty("docs.page"));
    Contract contract = Contract.read(Path.of(System.getProperty("contract.file")));
    try (HeadlessChromium chromium = HeadlessChromium.start()) {
      chromium.open(page.toUri().toString());

      assertEquals("/api/v1/run", chromium.visible(By.cssSelector(".opblock-summary-path")).getText().strip());
      List<String> shown = chromium.driver().findElements(By.cssSelector(".parameters .parameter__name")).stream()
          .map(e -> e.getText().replace("*", "").replace("required", "").strip()).toList();
      assertEquals(contract.parameterNames(), shown, "every parameter, in the contract's order");

      SwaggerUi ui = new SwaggerUi(chromium);
      ui.authorize("ApiKeyHeader", KEY);
      ui.tryItOutAndExecute();

      String expected = contract.firstServer() + "/api/v1/run?" + contract.exampleQuery();
      assertEquals(expected, ui.requestUrl());
      String curl = ui.curl();
      assertTrue(curl.contains("'" + expected + "'"), curl);
      assertTrue(curl.contains("-H 'X-API-Key: " + KEY + "'"), curl);

      // The other scheme the contract allows: the key as the api_key query parameter, last.
      chromium.open(page.toUri().toString());
      ui.authorize("ApiKeyQuery", KEY);
      ui.tryItOutAndExecute();
      String withQueryKey = expected + "&api_key=" + KEY;
      assertEquals(withQueryKey, ui.requestUrl());
      assertTrue(!ui.curl().contains("X-API-Key"), ui.curl());

      // Offline: the page loaded nothing but files; the only requests over the network are those
      // "Execute" sent (they went nowhere: HeadlessChromium lets nothing leave 127.0.0.1).
      List<String> requested = chromium.requestedUrls();
      assertTrue(requested.contains(page.toUri().toString()), requested.toString());
      assertEquals(List.of(expected, withQueryKey), chromium.networkRequests().stream().distinct().toList());
    }
  }

  @Test
  void page_embedsTheContractVerbatimAndLoadsOnlyFilesBesideIt() throws IOException {
    Path page = Path.of(System.getProperty("docs.page"));
    String html = Files.readString(page, StandardCharsets.UTF_8);
    String contract = Files.readString(Path.of(System.getProperty("contract.file")), StandardCharsets.UTF_8);
    assertTrue(html.contains(contract), "the contract, byte for byte");
    for (String asset : List.of("swagger-ui-bundle.js", "swagger-ui.css")) {
      assertTrue(html.contains("\"" + asset + "\""), asset);
      assertTrue(Files.isRegularFile(page.resolveSibling(asset)), asset + " beside the page");
    }
    assertTrue(!html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing from the network");
  }

  /** What the test needs of the contract, read with a YAML parser of its own. */
  private record Contract(Map<String, Object> root, List<Map<String, Object>> parameters) {
    @SuppressWarnings("unchecked")
    static Contract read(Path file) throws IOException {
      Map<String, Object> root = new Yaml().load(Files.readString(file, StandardCharsets.UTF_8));
      Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>)
          ((Map<String, Object>) root.get("paths")).get("/api/v1/run")).get("get");
      Map<String, Object> components = (Map<String, Object>) ((Map<String, Object>) root.get("components"))
          .get("parameters");
      List<Map<String, Object>> parameters = new ArrayList<>();
      for (Object p : (List<Object>) operation.get("parameters")) {
        Map<String, Object> parameter = (Map<String, Object>) p;
        Object ref = parameter.get("$ref");
        parameters.add(ref == null ? parameter
            : (Map<String, Object>) components.get(ref.toString().substring(ref.toString().lastIndexOf('/') + 1)));
      }
      return new Contract(root, parameters);
    }

    List<String> parameterNames() {
      return parameters.stream().map(p -> (String) p.get("name")).toList();
    }

    @SuppressWarnings("unchecked")
    String firstServer() {
      return (String) ((Map<String, Object>) ((List<Object>) root.get("servers")).get(0)).get("url");
    }

    /**
     * The query of the contract's example values, serialized as OpenAPI 3.0 says for each
     * parameter's style and explode (form, exploded: one name=value per array item), every value
     * percent-encoded (RFC 3986: all but unreserved characters).
     */
    @SuppressWarnings("unchecked")
    String exampleQuery() {
      List<String> pairs = new ArrayList<>();
      for (Map<String, Object> parameter : parameters) {
        Map<String, Object> schema = (Map<String, Object>) parameter.get("schema");
        Object example = parameter.containsKey("example") ? parameter.get("example") : schema.get("example");
        if (example == null) {
          continue;
        }
        String name = (String) parameter.get("name");
        String style = (String) parameter.getOrDefault("style", "form");
        assertEquals("form", style, "this test knows query style form only");
        boolean explode = (Boolean) parameter.getOrDefault("explode", true);
        if (example instanceof List<?> items) {
          if (explode) {
            items.forEach(item -> pairs.add(encode(name) + "=" + encode(item.toString())));
          } else {
            pairs.add(encode(name) + "=" + items.stream().map(i -> encode(i.toString()))
                .collect(Collectors.joining(",")));
          }
        } else {
          pairs.add(encode(name) + "=" + encode(example.toString()));
        }
      }
      return String.join("&", pairs);
    }

    private static String encode(String value) {
      StringBuilder out = new StringBuilder();
      for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
        char c = (char) (b & 0xff);
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
          out.append(c);
        } else {
          out.append('%').append(String.format("%02X", b & 0xff));
        }
      }
      return out.toString();
    }
  }
}
