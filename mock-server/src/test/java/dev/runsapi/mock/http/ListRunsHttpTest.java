package dev.runsapi.mock.http;

import static dev.runsapi.mock.Api.acme;
import static dev.runsapi.mock.Api.query;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.Api;
import dev.runsapi.mock.Contract;
import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.RandomQueries;
import dev.runsapi.mock.RawHttp;
import dev.runsapi.mock.ReferenceFilter;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.query.RawQuery;
import dev.runsapi.mock.query.RunQuery;
import dev.runsapi.mock.query.RunQueryParser;
import dev.runsapi.mock.store.RunPage;
import dev.runsapi.mock.store.StoredRun;
import dev.runsapi.server.model.RunsPage;
import java.nio.charset.StandardCharsets;
import dev.runsapi.mock.TestServers;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** listRuns over HTTP against the default dataset; every answer is checked against the contract. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListRunsHttpTest {
  private static final Pattern MILLIS_UTC =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private MockServer server;
  private Api api;

  @BeforeAll
  void start() {
    server = TestServers.start();
    api = new Api(server);
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static List<String> errorParameters(Response response) {
    return response.jsonPath().getList("errors.parameter", String.class);
  }

  @Nested
  class Success {
    @Test
    void listRuns_validQuery_answersPageWithEchoedPageAndLimit() {
      Response r = api.get(acme().with("limit", "7").with("page", "2"));
      assertEquals(200, r.statusCode());
      assertEquals(7, r.jsonPath().getList("data").size());
      assertEquals(2, r.jsonPath().getInt("page"));
      assertEquals(7, r.jsonPath().getInt("limit"));
    }

    @Test
    void listRuns_noLimitOrPage_echoesDefaults100And0() {
      Response r = api.get(acme());
      assertEquals(100, r.jsonPath().getInt("limit"));
      assertEquals(0, r.jsonPath().getInt("page"));
      assertEquals(2000, r.jsonPath().getLong("total"));
    }

    @Test
    void listRuns_everyRun_hasMillisecondUtcTimestampsAndAllPropertiesPresent() {
      Response r = api.get(acme().with("limit", "1000"));
      List<Map<String, Object>> runs = r.jsonPath().getList("data");
      assertEquals(1000, runs.size());
      for (Map<String, Object> run : runs) {
        assertEquals(13, run.size(), "every property present, nullable ones as null: " + run);
        assertTrue(MILLIS_UTC.matcher((String) run.get("createdAt")).matches(), run.toString());
        Object ended = run.get("endedAt");
        assertTrue(ended == null || MILLIS_UTC.matcher((String) ended).matches(), run.toString());
        assertEquals(ended == null, run.get("duration") == null, run.toString());
      }
      String body = r.asString();
      assertTrue(body.contains("\"endedAt\":null"), "unfinished runs are in the data");
      assertTrue(body.contains("\"user\":null"), "runs without a user are in the data");
      assertFalse(body.matches("(?s).*\"duration\":[0-9.]*[eE].*"), "no exponent in durations");
    }

    @Test
    void listRuns_pagePastTheEnd_answersEmptyDataWithTrueTotal() {
      Response r = api.get(acme().with("limit", "1000").with("page", "1000000"));
      assertEquals(200, r.statusCode());
      assertTrue(r.jsonPath().getList("data").isEmpty());
      assertEquals(2000, r.jsonPath().getLong("total"));
    }

    @Test
    void listRuns_keyInHeaderOnly_answers200() {
      Response r =
          api.get(query().header(TestServers.ACME_KEY).with("app_id", "app-acme")
              .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-05-02T00:00:00Z"));
      assertEquals(200, r.statusCode());
    }

    @Test
    void listRuns_sameKeyInQueryAndHeader_answers200() {
      assertEquals(200, api.get(acme().header(TestServers.ACME_KEY)).statusCode());
    }

    @Test
    void listRuns_unknownParameters_areIgnored() {
      assertEquals(200, api.get(acme().with("colour", "blue").with("limit", "1")).statusCode());
    }

    @Test
    void listRuns_emptySearch_filtersNothing() {
      Response r = api.get(acme().with("search", "").with("limit", "1"));
      assertEquals(2000, r.jsonPath().getLong("total"));
    }

    @Test
    void listRuns_boundsWithOffsetsAndNanoseconds_compareAsExactInstants() {
      Response utc = api.get(acme().with("limit", "1"));
      Response shifted =
          api.get(query().with("api_key", TestServers.ACME_KEY).with("app_id", "app-acme")
              .with("start_time", "2024-05-01T02:00:00.000000000+02:00")
              .with("end_time", "2024-05-31T19:00:00-05:00").with("limit", "1"));
      assertEquals(utc.jsonPath().getLong("total"), shifted.jsonPath().getLong("total"));
    }

    @Test
    void listRuns_acceptHeaderAskingForHtml_stillAnswersJson() {
      Response r = given().urlEncodingEnabled(false).header("Accept", "text/html")
          .get(server.url() + Api.PATH + "?" + acme().with("limit", "1").queryString());
      assertEquals(200, r.statusCode());
      assertTrue(r.contentType().startsWith("application/json"));
    }
  }

  @Nested
  class Semantics {
    @Test
    void listRuns_randomValidQueries_answerWhatTheReferenceFilterAnswers() {
      long seed = Long.getLong("query.seed", 7L);
      System.out.println("random HTTP query seed: " + seed + " (rerun with -Dquery.seed=" + seed + ")");
      List<StoredRun> runs = new ArrayList<>(RunGenerator.generate("app-acme", 42, 2000));
      runs.addAll(RunGenerator.generate("app-globex", 42, 500));
      RandomQueries queries = new RandomQueries(seed, runs);
      // answers are checked against the contract elsewhere; here only what they hold, to stay fast
      for (int i = 0; i < 150; i++) {
        Map<String, List<String>> params = queries.next("app-acme", TestServers.ACME_KEY);
        String query = RandomQueries.queryString(params);
        Response r = given().urlEncodingEnabled(false).get(server.url() + Api.PATH + "?" + query);
        ReferenceFilter.Expected expected = ReferenceFilter.answer(runs, params);
        assertEquals(200, r.statusCode(), query);
        JsonNode body = JSON.readTree(r.asString());
        List<String> ids = new ArrayList<>();
        body.get("data").forEach(run -> ids.add(run.get("id").asString()));
        assertEquals(expected.ids(), ids, query);
        assertEquals(expected.total(), body.get("total").asLong(), query);
        assertEquals(expected.page(), body.get("page").asInt(), query);
        assertEquals(expected.limit(), body.get("limit").asInt(), query);
        assertIsJacksonsRendering(query, r);
      }
    }

    /** The answer, written from prepared bytes, is what Jackson writes for the page, with its length. */
    private void assertIsJacksonsRendering(String queryString, Response r) {
      RunQuery query = new RunQueryParser(server.setup().defects()).parse(RawQuery.parse(queryString)).query();
      RunPage found = server.setup().store().query(query.appId(), query);
      byte[] expected = new JsonConfig().jsonMapper(server.setup()).writeValueAsBytes(new RunsPage(
          found.runs().stream().map(RunMapper::toApi).toList(), found.total(), query.page(), query.limit()));
      assertEquals(new String(expected, StandardCharsets.UTF_8), r.asString(), queryString);
      assertEquals(String.valueOf(expected.length), r.header("Content-Length"), queryString);
      assertNull(r.header("Transfer-Encoding"), queryString);
    }
  }

  @Nested
  class Concurrency {
    @Test
    void listRuns_manyConcurrentClients_eachGetTheSameAnswerAsAlone() throws Exception {
      List<String> queries = new ArrayList<>();
      for (String extra : List.of("limit=50", "type=llm&limit=20&order=asc", "search=capital&limit=30",
          "min_duration=1&max_duration=5&page=2&limit=10", "tags=beta&tags=eval&limit=40")) {
        queries.add(acme().queryString() + "&" + extra);
      }
      Map<String, String> alone = new java.util.HashMap<>();
      for (String q : queries) {
        alone.put(q, given().urlEncodingEnabled(false).get(server.url() + Api.PATH + "?" + q).asString());
      }
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      try {
        List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          String q = queries.get(i % queries.size());
          results.add(pool.submit(() -> alone.get(q).equals(
              given().urlEncodingEnabled(false).get(server.url() + Api.PATH + "?" + q).asString())));
        }
        for (java.util.concurrent.Future<Boolean> result : results) {
          assertTrue(result.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class Fields {
    private String utc(java.time.Instant instant) {
      return instant == null ? null : java.time.format.DateTimeFormatter
          .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    @Test
    void listRuns_everyField_isTheStoredRunsValue() {
      Map<String, StoredRun> stored = new java.util.HashMap<>();
      RunGenerator.generate("app-acme", 42, 2000).forEach(run -> stored.put(run.id(), run));
      int seen = 0;
      for (int page = 0; page < 2; page++) {
        Response r = given().urlEncodingEnabled(false).get(server.url() + Api.PATH + "?"
            + acme().with("limit", "1000").with("page", Integer.toString(page)).queryString());
        for (JsonNode run : JSON.readTree(r.asString()).get("data")) {
          StoredRun expected = stored.get(run.get("id").asString());
          String id = expected.id();
          assertEquals(expected.type(), run.get("type").asString(), id);
          assertEquals(expected.name(), run.get("name").asString(), id);
          assertEquals(utc(expected.createdAt()), run.get("createdAt").asString(), id);
          assertEquals(utc(expected.endedAt()), run.get("endedAt").isNull() ? null : run.get("endedAt").asString(), id);
          if (expected.endedAt() == null) {
            assertTrue(run.get("duration").isNull(), id);
          } else {
            java.math.BigDecimal seconds = new java.math.BigDecimal(
                expected.endedAt().toEpochMilli() - expected.createdAt().toEpochMilli()).movePointLeft(3);
            assertEquals(0, seconds.compareTo(run.get("duration").decimalValue()), id);
            assertTrue(run.get("duration").isNumber(), id);
          }
          assertEquals(expected.promptTokens(), run.get("tokens").get("prompt").asLong(), id);
          assertEquals(expected.completionTokens(), run.get("tokens").get("completion").asLong(), id);
          assertEquals(expected.promptTokens() + expected.completionTokens(), run.get("tokens").get("total").asLong(), id);
          List<String> tags = new ArrayList<>();
          run.get("tags").forEach(t -> tags.add(t.asString()));
          assertEquals(expected.tags(), tags, id);
          assertEquals(expected.input(), run.get("input").asString(), id);
          assertEquals(expected.output(), run.get("output").isNull() ? null : run.get("output").asString(), id);
          assertEquals(expected.error(), run.get("error").isNull() ? null : run.get("error").asString(), id);
          if (expected.user() == null) {
            assertTrue(run.get("user").isNull(), id);
          } else {
            JsonNode user = run.get("user");
            assertEquals(expected.user().id(), user.get("id").asString(), id);
            assertEquals(utc(expected.user().createdAt()), user.get("createdAt").asString(), id);
            assertEquals(utc(expected.user().lastSeen()), user.get("lastSeen").asString(), id);
            assertEquals(expected.user().props().keySet(), JSON.convertValue(user.get("props"), Map.class).keySet(), id);
          }
          assertEquals(0, expected.cost().compareTo(run.get("cost").decimalValue()), id);
          seen++;
        }
      }
      assertEquals(2000, seen);
    }
  }

  @Nested
  class Credentials {
    @Test
    void listRuns_noKey_answers403() {
      Response r = api.get(query().with("app_id", "app-acme")
          .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-05-02T00:00:00Z"));
      assertEquals(403, r.statusCode());
      assertTrue(r.contentType().startsWith("application/problem+json"));
    }

    @Test
    void listRuns_unknownKey_answers403() {
      assertEquals(403, api.get(acme().with("api_key", "nope")).statusCode());
    }

    @Test
    void listRuns_emptyKey_answers403() {
      Response r = api.get(query().with("api_key", "").with("app_id", "app-acme")
          .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-05-02T00:00:00Z"));
      assertEquals(403, r.statusCode());
    }

    @Test
    void listRuns_differentKeysInQueryAndHeader_answers403EvenWhenBothAreValid() {
      Response r = api.get(acme().header(TestServers.GLOBEX_KEY));
      assertEquals(403, r.statusCode());
    }

    @Test
    void listRuns_otherTenantsApp_answers403() {
      Response r = api.get(query().with("api_key", TestServers.GLOBEX_KEY).with("app_id", "app-acme")
          .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-06-01T00:00:00Z"));
      assertEquals(403, r.statusCode());
    }

    @Test
    void listRuns_appThatDoesNotExist_answersTheSame403AsAnotherTenantsApp() {
      Response other = api.get(query().with("api_key", TestServers.GLOBEX_KEY).with("app_id", "app-acme")
          .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-06-01T00:00:00Z"));
      Response missing = api.get(query().with("api_key", TestServers.GLOBEX_KEY).with("app_id", "app-nope")
          .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-06-01T00:00:00Z"));
      assertEquals(403, missing.statusCode());
      assertEquals(other.jsonPath().getString("title"), missing.jsonPath().getString("title"));
    }

    @Test
    void listRuns_eachTenant_readsOnlyItsOwnRuns() {
      Response globex = api.get(query().with("api_key", TestServers.GLOBEX_KEY)
          .with("app_id", "app-globex").with("start_time", "2024-05-01T00:00:00Z")
          .with("end_time", "2024-06-01T00:00:00Z").with("limit", "1000"));
      assertEquals(200, globex.statusCode());
      assertEquals(500, globex.jsonPath().getLong("total"));
      assertTrue(globex.jsonPath().getList("data.id", String.class).stream()
          .allMatch(id -> id.contains("-globex-")));
    }
  }

  @Nested
  class Validation {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
        delimiter = '|',
        value = {
          "app_id missing | start_time=2024-05-01T00:00:00Z&end_time=2024-05-02T00:00:00Z | app_id",
          "app_id empty | app_id=&start_time=2024-05-01T00:00:00Z&end_time=2024-05-02T00:00:00Z | app_id",
          "app_id over 200 characters | app_id=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&start_time=2024-05-01T00:00:00Z&end_time=2024-05-02T00:00:00Z | app_id",
          "start_time missing | app_id=app-acme&end_time=2024-05-02T00:00:00Z | start_time",
          "start_time empty | app_id=app-acme&start_time=&end_time=2024-05-02T00:00:00Z | start_time",
          "start_time without offset | app_id=app-acme&start_time=2024-05-01T00:00:00&end_time=2024-05-02T00:00:00Z | start_time",
          "start_time a date only | app_id=app-acme&start_time=2024-05-01&end_time=2024-05-02T00:00:00Z | start_time",
          "start_time impossible day | app_id=app-acme&start_time=2024-02-30T00:00:00Z&end_time=2024-05-02T00:00:00Z | start_time",
          "end_time missing | app_id=app-acme&start_time=2024-05-01T00:00:00Z | end_time",
          "end_time empty | app_id=app-acme&start_time=2024-05-01T00:00:00Z&end_time= | end_time",
          "end_time malformed | app_id=app-acme&start_time=2024-05-01T00:00:00Z&end_time=yesterday | end_time",
          "end_time epoch number | app_id=app-acme&start_time=2024-05-01T00:00:00Z&end_time=1714521600 | end_time",
          "models empty value | W&models= | models",
          "models value over 200 characters | W&models=MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM | models",
          "tags empty value | W&tags=beta&tags= | tags",
          "type upper case | W&type=LLM | type",
          "type unknown | W&type=llm&type=robot | type",
          "type empty | W&type= | type",
          "min_duration negative | W&min_duration=-1 | min_duration",
          "min_duration exponent | W&min_duration=1e3 | min_duration",
          "min_duration empty | W&min_duration= | min_duration",
          "min_duration NaN | W&min_duration=NaN | min_duration",
          "max_duration inf | W&max_duration=inf | max_duration",
          "max_duration empty | W&max_duration= | max_duration",
          "limit zero | W&limit=0 | limit",
          "limit 1001 | W&limit=1001 | limit",
          "limit negative | W&limit=-1 | limit",
          "limit fraction | W&limit=2.5 | limit",
          "limit text | W&limit=abc | limit",
          "limit empty | W&limit= | limit",
          "page negative | W&page=-1 | page",
          "page too big | W&page=1000001 | page",
          "page empty | W&page= | page",
          "page fraction | W&page=1.0 | page",
          "order upper case | W&order=ASC | order",
          "order empty | W&order= | order",
          "limit repeated | W&limit=5&limit=5 | limit",
          "search repeated | W&search=a&search=b | search",
          "app_id repeated | W&app_id=app-acme | app_id",
          "bad percent-encoding | W&search=%zz | search",
          "percent-escape not UTF-8 | W&search=%C3 | search",
          "encoded surrogate | W&models=%ED%A0%80 | models",
          "min_duration minus zero | W&min_duration=-0 | min_duration",
          "max_duration minus zero point zero | W&max_duration=-0.0 | max_duration",
          "second 60 without a leap second | app_id=app-acme&start_time=2024-04-10T23:59:60Z&end_time=2024-05-02T00:00:00Z | start_time",
          "leap second at another offset | app_id=app-acme&start_time=2016-12-31T23:59:60%2B01:00&end_time=2024-05-02T00:00:00Z | start_time",
          "comma as decimal sign | app_id=app-acme&start_time=2024-05-01T00:00:00,5Z&end_time=2024-05-02T00:00:00Z | start_time",
          "unencoded plus of an offset | app_id=app-acme&start_time=2024-05-01T02:00:00+02:00&end_time=2024-05-02T00:00:00Z | start_time",
          "bare limit | W&limit | limit",
          "percent-encoded name | W&%6Cimit=0 | limit",
          "limit with plus sign | W&limit=%2B1 | limit",
        })
    void listRuns_invalidParameter_answers422NamingIt(String why, String query, String parameter) {
      String window = "app_id=app-acme&start_time=2024-05-01T00:00:00Z&end_time=2024-05-02T00:00:00Z";
      String target = Api.PATH + "?api_key=" + TestServers.ACME_KEY + "&" + query.replace("W", window);
      RawHttp.Answer r = Contract.assertConforms(Api.PATH, RawHttp.get(server, target));
      assertEquals(422, r.status(), why + ": " + r.body());
      assertEquals(List.of(parameter),
          io.restassured.path.json.JsonPath.from(r.body()).getList("errors.parameter", String.class), why);
    }

    @Test
    void listRuns_searchOver1000Characters_answers422() {
      Response r = api.get(acme().with("search", "x".repeat(1001)));
      assertEquals(List.of("search"), errorParameters(r));
      assertEquals(200, api.get(acme().with("search", "x".repeat(1000))).statusCode());
    }

    @Test
    void listRuns_moreThan100Models_answers422() {
      Api.Query q = acme();
      for (int i = 0; i < 101; i++) {
        q.with("models", "m" + i);
      }
      assertEquals(List.of("models"), errorParameters(api.get(q)));
    }

    @Test
    void listRuns_tagOver200Characters_answers422() {
      assertEquals(List.of("tags"), errorParameters(api.get(acme().with("tags", "t".repeat(201)))));
    }

    @Test
    void listRuns_startAfterEnd_answers422() {
      Response r = api.get(query().with("api_key", TestServers.ACME_KEY).with("app_id", "app-acme")
          .with("start_time", "2024-05-02T00:00:00Z").with("end_time", "2024-05-01T00:00:00Z"));
      assertEquals(422, r.statusCode());
      assertTrue(errorParameters(r).contains("start_time"));
    }

    @Test
    void listRuns_startEqualToEnd_answers200WithRunsOfExactlyThatInstant() {
      Response any = api.get(acme().with("limit", "1"));
      String createdAt = any.jsonPath().getString("data[0].createdAt");
      Response r = api.get(query().with("api_key", TestServers.ACME_KEY).with("app_id", "app-acme")
          .with("start_time", createdAt).with("end_time", createdAt));
      assertEquals(200, r.statusCode());
      assertTrue(r.jsonPath().getLong("total") >= 1);
      assertTrue(r.jsonPath().getList("data.createdAt", String.class).stream()
          .allMatch(createdAt::equals));
    }

    @Test
    void listRuns_minAboveMax_answers422() {
      Response r = api.get(acme().with("min_duration", "2").with("max_duration", "1.5"));
      assertEquals(422, r.statusCode());
      assertTrue(errorParameters(r).contains("min_duration"));
    }

    @Test
    void listRuns_manyBadParameters_answersOne422ListingEachOnce() {
      Response r = api.get(query().with("api_key", TestServers.ACME_KEY).with("limit", "0")
          .with("order", "up").with("type", "x").with("type", "y").with("min_duration", "-2"));
      assertEquals(422, r.statusCode());
      assertEquals(List.of("app_id", "start_time", "end_time", "type", "min_duration", "limit", "order"),
          errorParameters(r));
    }
  }

  @Nested
  class Precedence {
    @Test
    void listRuns_badParametersAndNoKey_answers403() {
      Response r = api.get(query().with("limit", "0"));
      assertEquals(403, r.statusCode());
    }

    @Test
    void listRuns_badParametersAndAmbiguousKeys_answers403() {
      assertEquals(403, api.get(acme().header(TestServers.GLOBEX_KEY).with("limit", "0")).statusCode());
    }

    @Test
    void listRuns_badParametersAndAnotherTenantsApp_answers422() {
      Response r = api.get(query().with("api_key", TestServers.GLOBEX_KEY).with("app_id", "app-acme")
          .with("start_time", "2024-05-01T00:00:00Z").with("end_time", "2024-06-01T00:00:00Z")
          .with("limit", "0"));
      assertEquals(422, r.statusCode());
    }
  }

  @Nested
  class Robustness {
    private static final String[] PIECES = {
      "app_id", "start_time", "end_time", "search", "models", "tags", "type", "min_duration",
      "max_duration", "limit", "page", "order", "api_key", "", "=", "&", "%", "%2", "%zz", "%00",
      "%FF", "%C3%A9", "+", "-1", "1e9", "NaN", "2024-05-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
      "0000-01-01T00:00:00Z", "99999999999999999999", "asc", "llm", "[]", "{}", "|", "\\", "\"",
      "'", "<", ">", "^", "`", "..", "/", ";", "*", "_", "é", "😀", "\u0000"
    };

    @Test
    void listRuns_junkQueryStrings_neverAnswer5xx() {
      long seed = Long.getLong("fuzz.seed", 20240501L);
      System.out.println("junk query fuzz seed: " + seed + " (rerun with -Dfuzz.seed=" + seed + ")");
      Random random = new Random(seed);
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        StringBuilder q = new StringBuilder();
        int parts = random.nextInt(12);
        for (int p = 0; p < parts; p++) {
          q.append(PIECES[random.nextInt(PIECES.length)]);
        }
        // a valid key half of the time, so that validation is reached, not only the 403
        String query = (random.nextBoolean() ? "api_key=" + TestServers.ACME_KEY + "&" : "")
            + encodeControl(q.toString());
        RawHttp.Answer r = RawHttp.get(server, Api.PATH + "?" + query);
        if (r.status() >= 500 || r.status() == 400) {
          failures.add(r.status() + " for ?" + query);
        } else {
          Contract.assertConforms(Api.PATH, r);
        }
      }
      assertTrue(failures.isEmpty(), failures.toString());
    }

    /** Characters no HTTP client can put in a request line are sent percent-encoded. */
    private String encodeControl(String s) {
      StringBuilder out = new StringBuilder();
      for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        if (c <= 0x20 || c >= 0x7f || c == '#') {
          out.append(String.format("%%%02X", c));
        } else {
          out.append((char) c);
        }
      }
      return out.toString();
    }

    @Test
    void requestOf60KiB_isAccepted_longerRequestLine414_largerHeaders431() {
      String long60k = "a".repeat(60 * 1024);
      String window = "app_id=app-acme&start_time=2024-05-01T00:00:00Z&end_time=2024-05-02T00:00:00Z";
      RawHttp.Answer fits = RawHttp.get(server, Api.PATH + "?api_key=" + TestServers.ACME_KEY + "&" + window
          + "&search=" + long60k);
      assertEquals(422, fits.status(), "read, and refused for the search's length: " + fits.body());
      RawHttp.Answer line = RawHttp.get(server, Api.PATH + "?search=" + long60k + long60k);
      assertEquals(414, line.status(), line.body());
      assertTrue(line.headers().get("content-type").startsWith("application/problem+json"));
      assertTrue(line.body().contains("\"status\":414"), line.body());
      Response headers = given().header("X-Pad", long60k + long60k).get(server.url() + Api.PATH);
      assertEquals(431, headers.statusCode());
      assertEquals(431, headers.jsonPath().getInt("status"));
    }

    @Test
    void rawNonAsciiInTheRequestLine_answers400() {
      RawHttp.Answer r = RawHttp.get(server, Api.PATH + "?search=\u00e9&api_key=" + TestServers.ACME_KEY);
      assertEquals(400, r.status(), r.body());
    }

    @Test
    void requestLineThatIsNotHttp_answers400ProblemJsonNotTomcatsHtml() {
      RawHttp.Answer r = RawHttp.get(server, Api.PATH + "?search=a b&api_key=" + TestServers.ACME_KEY);
      assertEquals(400, r.status());
      assertTrue(r.headers().get("content-type").startsWith("application/problem+json"), r.headers().toString());
      assertTrue(r.body().contains("\"status\":400"), r.body());
    }

    @Test
    void listRuns_post_answers405ProblemJson() {
      Response r = given().post(server.url() + Api.PATH);
      assertEquals(405, r.statusCode());
      assertTrue(r.contentType().startsWith("application/problem+json"));
    }

    @Test
    void unknownPath_answers404ProblemJson() {
      Response r = given().get(server.url() + "/api/v1/runs");
      assertEquals(404, r.statusCode());
      assertTrue(r.contentType().startsWith("application/problem+json"));
      assertAll(
          () -> assertEquals(404, r.jsonPath().getInt("status")),
          () -> assertEquals("about:blank", r.jsonPath().getString("type")),
          () -> assertTrue(r.jsonPath().getString("detail").length() > 0));
    }
  }

  @Nested
  class Documents {
    @Test
    void openapiYaml_servesTheContractWithThisServerFirst() {
      Response r = given().get(server.url() + "/openapi.yaml");
      assertEquals(200, r.statusCode());
      Map<String, Object> served = new Yaml().load(r.asString());
      Map<String, Object> file = new Yaml().load(Contract.text());
      List<Object> servers = new ArrayList<>((List<?>) file.get("servers"));
      servers.add(0, Map.of("url", server.url(), "description", ContractController.MOCK_SERVER_DESCRIPTION));
      assertEquals(servers, served.get("servers"), "this server first, then the contract's own");
      served.remove("servers");
      file.remove("servers");
      assertEquals(file, served, "the rest is the contract as it is");
    }

    @Test
    void openapiYaml_namesTheServerAsTheClientReachedIt() {
      Response r = given().header("Host", "localhost:" + server.port()).get(server.url() + "/openapi.yaml");
      Map<String, Object> served = new Yaml().load(r.asString());
      assertEquals("http://localhost:" + server.port(),
          ((Map<?, ?>) ((List<?>) served.get("servers")).get(0)).get("url"));
    }

    @Test
    void docs_servesSwaggerUiFromTheWebjar() {
      Response page = given().get(server.url() + "/docs");
      assertEquals(200, page.statusCode());
      assertTrue(page.asString().contains("/openapi.yaml"));
      java.util.regex.Matcher script =
          Pattern.compile("src=\"(/webjars/[^\"]+\\.js)\"").matcher(page.asString());
      assertTrue(script.find());
      assertEquals(200, given().get(server.url() + script.group(1)).statusCode());
    }

    @Test
    void health_answers200Json() {
      Response r = given().get(server.url() + "/health");
      assertEquals(200, r.statusCode());
      assertEquals("UP", r.jsonPath().getString("status"));
      assertNull(r.header("Retry-After"));
    }
  }
}
