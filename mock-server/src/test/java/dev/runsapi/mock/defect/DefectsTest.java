package dev.runsapi.mock.defect;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.MockServer;
import dev.runsapi.mock.TestServers;
import dev.runsapi.mock.data.RunGenerator;
import dev.runsapi.mock.store.InMemoryRunStore;
import dev.runsapi.mock.store.StoredRun;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each defect against the correct server: the probe aimed at its rule answers differently, in the
 * way the rule says, while control probes next to it (same parameters, other edges) answer the
 * same. One server per defect; each is closed even when its checks fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefectsTest {
  private static final String KEY = "api_key=" + TestServers.ACME_KEY;
  private static final String MAY = "app_id=app-acme&start_time=2024-05-01T00:00:00Z&end_time=2024-06-01T00:00:00Z";

  private MockServer correct;

  @BeforeAll
  void start() {
    correct = TestServers.start();
  }

  @AfterAll
  void stop() {
    if (correct != null) {
      correct.close();
    }
  }

  private static String acme(String extra) {
    return KEY + "&" + MAY + (extra.isEmpty() ? "" : "&" + extra);
  }

  private static Response get(MockServer server, String query) {
    return given().urlEncodingEnabled(false).get(server.url() + "/api/v1/run?" + query);
  }

  /** Status and body of the same request to both servers, seen through {@code view}. */
  private void assertSame(MockServer defective, String query, Function<Response, Object> view) {
    Response expected = get(correct, query);
    Response actual = get(defective, query);
    assertEquals(expected.statusCode(), actual.statusCode(), "status of control ?" + query);
    assertEquals(view.apply(expected), view.apply(actual), "control ?" + query);
  }

  private void assertSame(MockServer defective, String... queries) {
    for (String query : queries) {
      assertSame(defective, query, Response::asString);
    }
  }

  private interface Checks {
    void run(MockServer defective);
  }

  private void withDefect(Defect defect, Checks checks, String... moreFlags) {
    List<String> flags = new ArrayList<>(List.of("--defect", defect.cliName()));
    flags.addAll(List.of(moreFlags));
    try (MockServer defective = TestServers.start(flags.toArray(String[]::new))) {
      checks.run(defective);
    }
  }

  private static long total(Response r) {
    return r.jsonPath().getLong("total");
  }

  private static List<String> ids(Response r) {
    return r.jsonPath().getList("data.id", String.class);
  }

  @Test
  void typeFilterIgnored_typeFiltersNothing_otherFiltersUnchanged() {
    withDefect(Defect.TYPE_FILTER_IGNORED, d -> {
      assertEquals(2000, total(get(d, acme("type=tool&limit=1000"))));
      assertTrue(total(get(correct, acme("type=tool&limit=1000"))) < 2000);
      assertSame(d, acme("models=gpt-4o&limit=1000"), acme("tags=beta&limit=1000"),
          acme("type=tool&type=llm&type=chain&type=agent&limit=1000"));
    });
  }

  @Test
  void modelsPrefixMatch_gpt4MatchesGpt4o_exactNamesUnchanged() {
    withDefect(Defect.MODELS_PREFIX_MATCH, d -> {
      List<String> names = get(d, acme("models=gpt-4&limit=1000")).jsonPath().getList("data.name");
      assertTrue(names.contains("gpt-4o"), "gpt-4 matches gpt-4o under the defect");
      assertFalse(get(correct, acme("models=gpt-4&limit=1000")).jsonPath().getList("data.name")
          .contains("gpt-4o"));
      assertSame(d, acme("models=gpt-4o-mini&limit=1000"), acme("type=llm&limit=1000"));
    });
  }

  @Test
  void tagsMatchAll_twoTagsNeedBoth_singleTagUnchanged() {
    withDefect(Defect.TAGS_MATCH_ALL, d -> {
      long all = total(get(d, acme("tags=beta&tags=eval&limit=1000")));
      long any = total(get(correct, acme("tags=beta&tags=eval&limit=1000")));
      assertTrue(all < any, all + " < " + any);
      assertSame(d, acme("tags=beta&limit=1000"), acme("tags=eval&limit=1000"));
    });
  }

  @Test
  void searchCaseSensitive_upperCaseTermMissesLowerCaseText_caselessTermsUnchanged() {
    withDefect(Defect.SEARCH_CASE_SENSITIVE, d -> {
      assertEquals(0, total(get(d, acme("search=CAPITAL&limit=1000"))));
      assertTrue(total(get(correct, acme("search=CAPITAL&limit=1000"))) > 0);
      assertSame(d, acme("search=100%25&limit=1000"), acme("search=&limit=1000"),
          acme("search=42&limit=1000"));
    });
  }

  @Test
  void searchLikeWildcards_underscoreMatchesAnyCharacter_plainTermsUnchanged() {
    withDefect(Defect.SEARCH_LIKE_WILDCARDS, d -> {
      long like = total(get(d, acme("search=a_b&limit=1000")));
      long literal = total(get(correct, acme("search=a_b&limit=1000")));
      assertTrue(like > literal, like + " > " + literal);
      assertSame(d, acme("search=capital&limit=1000"), acme("search=CAPITAL&limit=1000"));
    });
  }

  @Test
  void durationBoundsExclusive_runsOnTheBoundDrop_boundsBetweenRunsUnchanged() {
    withDefect(Defect.DURATION_BOUNDS_EXCLUSIVE, d -> {
      assertTrue(total(get(correct, acme("min_duration=1&max_duration=1&limit=1000"))) > 0);
      assertEquals(0, total(get(d, acme("min_duration=1&max_duration=1&limit=1000"))));
      assertSame(d, acme("min_duration=0.0005&max_duration=0.9995&limit=1000"));
    });
  }

  @Test
  void durationZeroIgnored_minZeroLetsUnfinishedRunsIn_otherBoundsUnchanged() {
    withDefect(Defect.DURATION_ZERO_IGNORED, d -> {
      assertEquals(2000, total(get(d, acme("min_duration=0&limit=1000"))));
      assertTrue(total(get(correct, acme("min_duration=0&limit=1000"))) < 2000);
      assertSame(d, acme("min_duration=0.001&limit=1000"), acme("min_duration=0&max_duration=1000&limit=1000"));
    });
  }

  @Test
  void windowEndExclusive_runAtTheEndDrops_endBesideARunUnchanged() {
    List<StoredRun> runs = sortedAcme();
    Instant end = runs.get(100).createdAt();
    Instant afterEnd = end.plusMillis(1);
    assertTrue(runs.stream().noneMatch(r -> r.createdAt().equals(afterEnd)));
    withDefect(Defect.WINDOW_END_EXCLUSIVE, d -> {
      String at = KEY + "&app_id=app-acme&start_time=2024-05-01T00:00:00Z&end_time=" + end + "&limit=1000";
      assertTrue(total(get(d, at)) < total(get(correct, at)));
      assertSame(d, KEY + "&app_id=app-acme&start_time=" + end + "&end_time=" + afterEnd + "&limit=1000");
    });
  }

  @Test
  void pageOffByOne_laterPagesStartOneRunLate_firstPageAndTotalUnchanged() {
    withDefect(Defect.PAGE_OFF_BY_ONE, d -> {
      List<String> all = ids(get(correct, acme("order=asc&limit=1000")));
      assertEquals(all.subList(11, 16), ids(get(d, acme("order=asc&limit=5&page=2"))));
      assertSame(d, acme("order=asc&limit=5&page=2"), r -> r.jsonPath().getLong("total"));
      assertSame(d, acme("order=asc&limit=5&page=0"), acme("order=desc&limit=1000"));
      assertSame(d, acme("limit=0"), KEY);
    });
  }

  @Test
  void totalIsPageCount_totalCountsThePage_pagesHoldingEverythingUnchanged() {
    withDefect(Defect.TOTAL_IS_PAGE_COUNT, d -> {
      assertEquals(5, total(get(d, acme("limit=5"))));
      assertSame(d, acme("limit=5"), r -> ids(r));
      assertSame(d, acme("models=gpt-4&limit=1000"));
    });
  }

  @Test
  void defaultLimit10_noLimitAnswersTen_givenLimitUnchanged() {
    withDefect(Defect.DEFAULT_LIMIT_10, d -> {
      Response r = get(d, acme(""));
      assertEquals(10, r.jsonPath().getList("data").size());
      assertEquals(10, r.jsonPath().getInt("limit"));
      assertSame(d, acme("limit=100"), acme("limit=7&page=3"));
    });
  }

  @Test
  void noTieBreak_equalCreatedAtInStoreOrder_windowsWithoutTiesUnchanged() {
    List<StoredRun> runs = sortedAcme();
    StoredRun tied = null;
    for (int i = 1; i < runs.size() && tied == null; i++) {
      StoredRun a = runs.get(i - 1);
      StoredRun b = runs.get(i);
      if (a.createdAt().equals(b.createdAt()) && a.sequence() > b.sequence()) {
        tied = b; // id order and store order disagree here
      }
    }
    assertTrue(tied != null, "the dataset has runs of equal createdAt out of id order");
    Instant at = tied.createdAt();
    Instant lone = runs.stream().map(StoredRun::createdAt)
        .collect(Collectors.groupingBy(t -> t, Collectors.counting()))
        .entrySet().stream().filter(e -> e.getValue() == 1).findFirst().orElseThrow().getKey();
    withDefect(Defect.NO_TIE_BREAK, d -> {
      String window = KEY + "&app_id=app-acme&start_time=" + at + "&end_time=" + at + "&order=asc";
      List<String> byId = ids(get(correct, window));
      List<String> byStore = ids(get(d, window));
      assertNotEquals(byId, byStore);
      assertEquals(Set.copyOf(byId), Set.copyOf(byStore));
      assertSame(d, KEY + "&app_id=app-acme&start_time=" + lone + "&end_time=" + lone);
    });
  }

  @Test
  void orderIgnored_ascAnswersDescending_descUnchanged() {
    withDefect(Defect.ORDER_IGNORED, d -> {
      assertEquals(ids(get(correct, acme("order=desc&limit=5"))), ids(get(d, acme("order=asc&limit=5"))));
      assertSame(d, acme("order=desc&limit=5"), acme("limit=5"));
    });
  }

  @Test
  void durationAsString_durationsAreJsonStrings_sameValues() {
    withDefect(Defect.DURATION_AS_STRING, d -> {
      String body = get(d, acme("limit=50")).asString();
      assertTrue(body.matches("(?s).*\"duration\":\"[0-9.]+\".*"), body);
      assertTrue(body.contains("\"duration\":null"), "a null duration stays null");
      Function<Response, Object> numbers = r -> r.asString().replaceAll("\"duration\":\"([0-9.]+)\"", "\"duration\":$1");
      assertSame(d, acme("limit=50"), numbers);
      assertSame(d, acme("limit=0"), KEY);
    });
  }

  @Test
  void missingKey500_noOrUnknownKeyAnswers500_otherRefusalsUnchanged() {
    withDefect(Defect.MISSING_KEY_500, d -> {
      assertEquals(500, get(d, MAY).statusCode());
      assertEquals(500, get(d, "api_key=nope&" + MAY).statusCode());
      assertSame(d, "api_key=" + TestServers.GLOBEX_KEY + "&" + MAY, acme("limit=0"), acme("limit=3"));
    });
  }

  @Test
  void validation400_invalidParametersAnswer400_restUnchanged() {
    withDefect(Defect.VALIDATION_400, d -> {
      Response r = get(d, acme("limit=0"));
      assertEquals(400, r.statusCode());
      assertEquals(List.of("limit"), r.jsonPath().getList("errors.parameter"));
      assertSame(d, MAY + "&limit=0", acme("limit=3"));
    });
  }

  @Test
  void errorBodyUnnamed_422HasNoErrorsList_statusUnchanged() {
    withDefect(Defect.ERROR_BODY_UNNAMED, d -> {
      Response r = get(d, acme("limit=0"));
      assertEquals(422, r.statusCode());
      assertNull(r.jsonPath().get("errors"));
      assertSame(d, acme("limit=0"), Response::statusCode);
      assertSame(d, MAY, acme("limit=3"));
    });
  }

  @Test
  void reversedWindowAccepted_startAfterEndAnswers200_otherInconsistenciesUnchanged() {
    withDefect(Defect.REVERSED_WINDOW_ACCEPTED, d -> {
      String reversed = KEY + "&app_id=app-acme&start_time=2024-05-02T00:00:00Z&end_time=2024-05-01T00:00:00Z";
      assertEquals(422, get(correct, reversed).statusCode());
      assertEquals(200, get(d, reversed).statusCode());
      assertSame(d, acme("min_duration=2&max_duration=1"), acme("limit=3"));
    });
  }

  @Test
  void validationBeforeAuth_badParameterBeatsMissingKey_otherOrdersUnchanged() {
    withDefect(Defect.VALIDATION_BEFORE_AUTH, d -> {
      assertEquals(403, get(correct, MAY + "&limit=0").statusCode());
      assertEquals(422, get(d, MAY + "&limit=0").statusCode());
      assertSame(d, MAY, acme("limit=0"),
          "api_key=" + TestServers.GLOBEX_KEY + "&" + MAY + "&limit=0", acme("limit=3"));
    });
  }

  @Test
  void tenantLeak_keyReadsAnotherTenantsApp_unknownAppsStillRefused() {
    withDefect(Defect.TENANT_LEAK, d -> {
      String other = "api_key=" + TestServers.GLOBEX_KEY + "&" + MAY;
      assertEquals(403, get(correct, other).statusCode());
      assertEquals(200, get(d, other).statusCode());
      assertSame(d, other.replace("app-acme", "app-nope"), MAY, acme("limit=3"));
    });
  }

  @Test
  void noRetryAfter_429WithoutRetryAfter_stillA429() {
    try (MockServer limited = TestServers.start("--rate-limit", "1");
        MockServer defective = TestServers.start("--rate-limit", "1", "--defect", "no-retry-after")) {
      Response correct429 = firstRefused(limited);
      Response defect429 = firstRefused(defective);
      assertTrue(correct429.header("Retry-After") != null);
      assertNull(defect429.header("Retry-After"));
      assertEquals(correct429.jsonPath().getString("title"), defect429.jsonPath().getString("title"));
    }
  }

  @Test
  void singleInstantRefused_startEqualToEndAnswers422_otherWindowsUnchanged() {
    withDefect(Defect.SINGLE_INSTANT_REFUSED, d -> {
      String single = KEY + "&app_id=app-acme&start_time=2024-05-01T00:00:00Z&end_time=2024-05-01T00:00:00Z";
      assertEquals(200, get(correct, single).statusCode());
      Response r = get(d, single);
      assertEquals(422, r.statusCode());
      assertEquals(List.of("end_time"), r.jsonPath().getList("errors.parameter"));
      assertSame(d, acme("limit=3"), single.replace("end_time=2024-05-01T00:00:00Z",
          "end_time=2024-05-01T00:00:00.000000001Z"));
    });
  }

  @Test
  void boundsCutToSecond_aBoundInsideASecondActsAsItsSecond_wholeSecondsUnchanged() {
    withDefect(Defect.BOUNDS_CUT_TO_SECOND, d -> {
      String after = null;
      for (String created : get(correct, acme("order=asc&limit=20")).jsonPath().getList("data.createdAt",
          String.class)) {
        java.time.Instant t = java.time.Instant.parse(created);
        if (t.getNano() < 999_000_000) {
          after = t.plusMillis(1).toString();
          break;
        }
      }
      assertNotNull(after, "a run not at the last millisecond of its second");
      String query = KEY + "&app_id=app-acme&start_time=" + after + "&end_time=2024-06-01T00:00:00Z&limit=1";
      assertTrue(total(get(d, query)) > total(get(correct, query)), "the run just before the bound leaks in");
      assertSame(d, acme("limit=3"), acme("order=asc&limit=5"));
    });
  }

  @Test
  void searchBackslashEscape_backslashNeverMatchesAsTyped_otherTermsUnchanged() {
    withDefect(Defect.SEARCH_BACKSLASH_ESCAPE, d -> {
      String backslash = acme("search=%5C&limit=1");
      assertTrue(total(get(d, backslash)) != total(get(correct, backslash)), "a lone backslash");
      assertSame(d, acme("search=100%25&limit=1000"), acme("search=CAPITAL&limit=1000"), acme("search=&limit=5"));
    });
  }

  @Test
  void userOfNulls_aMissingUserIsAnObjectOfNulls_usersUnchanged() {
    withDefect(Defect.USER_OF_NULLS, d -> {
      String body = get(d, acme("limit=200")).asString();
      assertTrue(get(correct, acme("limit=200")).asString().contains("\"user\":null"), "the data has runs without user");
      assertFalse(body.contains("\"user\":null"), body);
      assertTrue(body.contains("\"user\":{\"id\":null,\"createdAt\":null,\"lastSeen\":null,\"props\":null}"));
      Function<Response, Object> nulls = r -> r.asString()
          .replace("\"user\":{\"id\":null,\"createdAt\":null,\"lastSeen\":null,\"props\":null}", "\"user\":null");
      assertSame(d, acme("limit=200"), nulls);
    });
  }

  @Test
  void queryKeyWins_aDifferentHeaderKeyIsIgnored_otherCredentialsUnchanged() {
    withDefect(Defect.QUERY_KEY_WINS, d -> {
      Function<MockServer, Integer> both = s -> given().urlEncodingEnabled(false).header("X-API-Key", "nope")
          .get(s.url() + "/api/v1/run?" + acme("limit=1")).statusCode();
      assertEquals(403, both.apply(correct));
      assertEquals(200, both.apply(d));
      assertSame(d, MAY, "api_key=nope&" + MAY, acme("limit=3"));
    });
  }

  private static Response firstRefused(MockServer server) {
    for (int i = 0; i < 50; i++) {
      Response r = get(server, acme("limit=1"));
      if (r.statusCode() == 429) {
        return r;
      }
    }
    throw new AssertionError("no 429 in 50 requests at 1 request per second");
  }

  @Test
  void leapSecondNextMinute_secondSixtyOnAnyDayAnswers200_realLeapSecondsUnchanged() {
    withDefect(Defect.LEAP_SECOND_NEXT_MINUTE, d -> {
      String noLeap = "app_id=app-acme&start_time=2024-04-10T23:59:60Z&end_time=2024-06-01T00:00:00Z&limit=1";
      assertEquals(200, get(d, KEY + "&" + noLeap).statusCode());
      assertEquals(422, get(correct, KEY + "&" + noLeap).statusCode());
      assertSame(d, KEY + "&app_id=app-acme&start_time=2016-12-31T23:59:60Z&end_time=2017-01-01T00:00:00Z",
          acme("limit=5"));
    });
  }

  @Test
  void percentUtf8Replaced_invalidUtf8SearchAnswers200_validUtf8Unchanged() {
    withDefect(Defect.PERCENT_UTF8_REPLACED, d -> {
      assertEquals(200, get(d, acme("search=%C3")).statusCode());
      assertEquals(422, get(correct, acme("search=%C3")).statusCode());
      assertSame(d, acme("search=%C3%A9&limit=1000"), acme("models=%E2%82%AC&limit=1000"));
    });
  }

  @Test
  void minusZeroAccepted_minusZeroDurationAnswers200_negativesStill422() {
    withDefect(Defect.MINUS_ZERO_ACCEPTED, d -> {
      assertEquals(200, get(d, acme("min_duration=-0&limit=1")).statusCode());
      assertEquals(422, get(correct, acme("min_duration=-0&limit=1")).statusCode());
      assertSame(d, acme("min_duration=-1"), r -> r.jsonPath().getList("errors.parameter"));
      assertSame(d, acme("min_duration=0&limit=1000"));
    });
  }

  @Test
  void everyDefect_hasATestNamedForIt() {
    Set<String> tests = Arrays.stream(DefectsTest.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Test.class))
        .map(m -> m.getName().split("_")[0])
        .collect(Collectors.toSet());
    for (Defect defect : Defect.values()) {
      String[] words = defect.cliName().split("-");
      StringBuilder name = new StringBuilder(words[0]);
      for (int i = 1; i < words.length; i++) {
        name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
      }
      assertTrue(tests.contains(name.toString()), "no test named " + name + "_... for " + defect.cliName());
    }
  }

  private static List<StoredRun> sortedAcme() {
    List<StoredRun> runs = new ArrayList<>(RunGenerator.generate("app-acme", 42, 2000));
    runs.sort(InMemoryRunStore.CONTRACT_ORDER);
    return runs;
  }

}
