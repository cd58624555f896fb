package dev.runsapi.mock.http;

import static dev.runsapi.mock.Api.acme;
import static dev.runsapi.mock.Api.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.Api;
import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.TestServers;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** 429, 500 and 503 as the contract describes them; every answer is checked against it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitAndFaultsHttpTest {
  private MockServer limited;

  @BeforeAll
  void start() {
    limited = TestServers.start("--rate-limit", "2");
  }

  @AfterAll
  void stop() {
    if (limited != null) {
      limited.close();
    }
  }

  private static Response firstRefused(Api api, Api.Query query) {
    for (int i = 0; i < 50; i++) {
      Response r = api.get(query);
      if (r.statusCode() == 429) {
        return r;
      }
    }
    throw new AssertionError("no 429 in 50 requests at 2 requests per second");
  }

  @Test
  void listRuns_overTheRateLimit_answers429WithRetryAfter() {
    Response r = firstRefused(new Api(limited), acme().with("limit", "1"));
    int retryAfter = Integer.parseInt(r.header("Retry-After"));
    assertTrue(retryAfter >= 1);
    assertTrue(r.contentType().startsWith("application/problem+json"));
    assertEquals(429, r.jsonPath().getInt("status"));
  }

  @Test
  void listRuns_floodOfRequestsWithoutKey_isThrottledBefore403() {
    Response r = firstRefused(new Api(limited), query().with("limit", "0"));
    assertEquals(429, r.statusCode());
  }

  @Test
  void listRuns_floodOfMadeUpKeys_isThrottledByAddress() {
    Api api = new Api(limited);
    for (int i = 0; i < 50; i++) {
      Api.Query madeUp = query().with("api_key", "made-up-" + i).with("app_id", "app-acme")
          .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-06-01T00:00:00Z");
      if (api.get(madeUp).statusCode() == 429) {
        return;
      }
    }
    throw new AssertionError("50 requests with made-up keys at 2 requests per second were never refused");
  }

  @Test
  void listRuns_oneKeyOverItsLimit_doesNotThrottleAnotherKey() {
    Api api = new Api(limited);
    firstRefused(api, acme().with("limit", "1"));
    Response other = api.get(query().with("api_key", TestServers.GLOBEX_KEY).with("app_id", "app-globex")
        .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-06-01T00:00:00Z"));
    // a new second may have begun, but globex has sent nothing in any second: never refused
    assertEquals(200, other.statusCode());
  }

  @Test
  void listRuns_rateLimitZero_neverAnswers429() {
    try (MockServer server = TestServers.start("--rate-limit", "0")) {
      Api api = new Api(server);
      for (int i = 0; i < 30; i++) {
        assertEquals(200, api.get(acme().with("limit", "1")).statusCode());
      }
    }
  }

  @Test
  void listRuns_withLatency_stillAnswersNormally() {
    try (MockServer slow = TestServers.start("--latency-ms", "30")) {
      Api.Query query = acme().with("limit", "3");
      Response delayed = new Api(slow).get(query);
      assertEquals(200, delayed.statusCode());
      assertEquals(3, delayed.jsonPath().getList("data").size());
      assertEquals(2000, delayed.jsonPath().getLong("total"));
    }
  }

  @Test
  void listRuns_failRateOne_answersOnly500Or503ProblemJson() {
    try (MockServer server = TestServers.start("--fail-rate", "1", "--fail-seed", "3")) {
      Api api = new Api(server);
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Response r = api.get(acme().with("limit", "1"));
        statuses.add(r.statusCode());
        if (r.statusCode() == 503) {
          assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1);
        }
      }
      assertTrue(statuses.contains(500) && statuses.contains(503), statuses.toString());
      assertTrue(statuses.stream().allMatch(s -> s == 500 || s == 503), statuses.toString());
    }
  }

  @Test
  void listRuns_failRate_neverFailsAnInvalidRequestWith5xx() {
    try (MockServer server = TestServers.start("--fail-rate", "1")) {
      Api api = new Api(server);
      assertEquals(422, api.get(acme().with("limit", "0")).statusCode());
      assertEquals(403, api.get(query().with("app_id", "x")).statusCode());
    }
  }

  @Test
  void listRuns_sameFailSeed_failsTheSameRequests() {
    List<List<Integer>> runs = new ArrayList<>();
    for (int attempt = 0; attempt < 2; attempt++) {
      try (MockServer server = TestServers.start("--fail-rate", "0.5", "--fail-seed", "11")) {
        Api api = new Api(server);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          statuses.add(api.get(acme().with("limit", "1")).statusCode());
        }
        runs.add(statuses);
      }
    }
    assertEquals(runs.get(0), runs.get(1));
    assertTrue(runs.get(0).contains(200) && runs.get(0).stream().anyMatch(s -> s >= 500), runs.toString());
  }
}
