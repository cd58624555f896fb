package dev.runsapi.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

// readme:imports:begin
import dev.runsapi.client.ApiClient;
import dev.runsapi.client.ApiException;
import dev.runsapi.client.api.RunsApi;
import dev.runsapi.client.api.RunsApi.APIListRunsRequest;
import dev.runsapi.client.model.Run;
import dev.runsapi.client.model.RunType;
import dev.runsapi.client.model.RunsPage;
import dev.runsapi.client.model.SortOrder;
import java.time.OffsetDateTime;
import java.util.List;
// readme:imports:end
import dev.runsapi.mock.junit.RunsMock;
import dev.runsapi.mock.junit.RunsMockTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The root README's Java client example is this file's code between the readme markers, word for
 * word, and it runs against the mock with the jar's default data (so the README cannot go stale).
 */
@RunsMockTest
class ReadmeClientExampleTest {
  private static final Path SOURCE = Path.of("src/test/java/dev/runsapi/example/ReadmeClientExampleTest.java");
  private static final Path README = Path.of("../../README.md");
  private static final String README_BEGIN = "<!-- java-client-example:begin";
  private static final String README_END = "<!-- java-client-example:end -->";

  static RunsPage readmeExample(String url, String key) throws ApiException {
    // readme:code:begin
    ApiClient client = new ApiClient();
    client.updateBaseUri(url); // the mock's ready line names it: http://127.0.0.1:8080
    // The key once, for every call (X-API-Key; the native client has no auth support of its own).
    client.setRequestInterceptor(request -> request.header("X-API-Key", key));
    RunsApi runs = new RunsApi(client);

    RunsPage page = runs.listRuns(APIListRunsRequest.newBuilder()
        .appId("app-acme")
        .startTime(OffsetDateTime.parse("2024-05-01T00:00:00Z"))
        .endTime(OffsetDateTime.parse("2024-05-02T00:00:00Z"))
        .tags(List.of("production"))
        .type(List.of(RunType.LLM))
        .limit(50)
        .order(SortOrder.ASC)
        .build());
    for (Run run : page.getData()) {
      System.out.println(run.getCreatedAt() + " " + run.getName() + " " + run.getDuration());
    }
    // readme:code:end
    return page;
  }

  @Test
  void readmeExample_againstTheMock_listsTheFilteredRunsInOrder(RunsMock mock) throws Exception {
    RunsPage page = readmeExample(mock.url(), mock.apiKey());
    assertFalse(page.getData().isEmpty(), "the default dataset has production LLM runs on May 1st");
    assertEquals(50, page.getLimit());
    assertTrue(page.getTotal() >= page.getData().size());
    OffsetDateTime previous = OffsetDateTime.parse("2024-05-01T00:00:00Z");
    for (Run run : page.getData()) {
      assertEquals(RunType.LLM, run.getType());
      assertTrue(run.getTags().contains("production"), run.getTags()::toString);
      assertFalse(run.getCreatedAt().isBefore(previous), "ascending: " + run.getCreatedAt());
      previous = run.getCreatedAt();
    }
    assertFalse(previous.isAfter(OffsetDateTime.parse("2024-05-02T00:00:00Z")));
  }

  @Test
  void readme_showsThisExampleVerbatim() throws IOException {
    List<String> source = Files.readAllLines(SOURCE);
    String expected = region(source, "// readme:imports:begin", "// readme:imports:end", 0)
        + "\n" + region(source, "// readme:code:begin", "// readme:code:end", 4);
    String readme = Files.readString(README);
    int begin = readme.indexOf(README_BEGIN);
    int end = readme.indexOf(README_END);
    assertTrue(begin >= 0 && end > begin, "README.md has no " + README_BEGIN + " ... " + README_END);
    String block = readme.substring(readme.indexOf('\n', begin) + 1, end);
    String code = block.replaceFirst("^```java\n", "").replaceFirst("```\n$", "");
    assertEquals(expected, code, "README.md's Java client example differs from " + SOURCE
        + " (between the readme markers): copy the code over, the test runs that one");
  }

  /** The lines strictly between the markers, with {@code indent} leading spaces removed. */
  private static String region(List<String> lines, String beginMarker, String endMarker, int indent) {
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(beginMarker)) {
        begin = i;
      } else if (lines.get(i).strip().equals(endMarker)) {
        end = i;
      }
    }
    assertTrue(begin >= 0 && end > begin, "markers " + beginMarker + " / " + endMarker);
    return lines.subList(begin + 1, end).stream()
        .map(line -> line.length() >= indent ? line.substring(indent) : line.strip())
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
