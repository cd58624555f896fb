package dev.runsapi.mock.http;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.Api;
import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.TestServers;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code --live}, a run first answered unfinished is answered with its end once it has ended:
 * the prepared JSON of its unfinished state is never served again.
 */
class LiveAnswersHttpTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** Bounds the wait: live runs end after 0 to 30 s, many within a second or two. */
  private static final int MAX_POLLS = 300;

  @Test
  void listRuns_liveRunThatEnds_isAnsweredWithItsEnd() throws InterruptedException {
    try (MockServer server = TestServers.start("--runs", "10", "--live", "40")) {
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      String query = Api.PATH + "?app_id=" + TestServers.ACME_APP + "&api_key=" + TestServers.ACME_KEY
          + "&start_time=" + now.minus(1, ChronoUnit.MINUTES) + "&end_time=" + now.plus(1, ChronoUnit.HOURS)
          + "&limit=1000&order=asc";
      Set<String> seenRunning = new HashSet<>();
      String endedAfterSeenRunning = null;
      for (int poll = 0; poll < MAX_POLLS && endedAfterSeenRunning == null; poll++) {
        Response r = given().urlEncodingEnabled(false).get(server.url() + query);
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(String.valueOf(r.asByteArray().length), r.header("Content-Length"));
        for (JsonNode run : JSON.readTree(r.asString()).get("data")) {
          String id = run.get("id").asString();
          if (run.get("endedAt").isNull()) {
            assertTrue(run.get("duration").isNull(), run.toString());
            seenRunning.add(id);
          } else if (seenRunning.contains(id)) {
            assertTrue(run.get("duration").isNumber(), run.toString());
            endedAfterSeenRunning = id;
          }
        }
        Thread.sleep(100);
      }
      assertTrue(endedAfterSeenRunning != null,
          "no run answered unfinished was later answered ended; unfinished: " + seenRunning);
    }
  }
}
