package dev.runsapi.mock.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runsapi.mock.defect.Defect;
import dev.runsapi.mock.defect.Defects;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading listRuns's parameters from a raw query string, problems and all. */
class RunQueryParserTest {
  private static final String WINDOW =
      "app_id=a&start_time=2024-05-01T00:00:00Z&end_time=2024-05-02T00:00:00Z";
  private final RunQueryParser parser = new RunQueryParser(Defects.none());

  private ParsedQuery parse(String query) {
    return parser.parse(RawQuery.parse(query));
  }

  private List<String> problemParameters(String query) {
    return parse(query).problems().stream().map(ParameterProblem::parameter).toList();
  }

  @Test
  void parse_onlyTheRequiredParameters_appliesTheDefaults() {
    RunQuery q = parse(WINDOW).query();
    assertEquals(100, q.limit());
    assertEquals(0, q.page());
    assertEquals(SortOrder.DESC, q.order());
    assertNull(q.search());
    assertTrue(q.models().isEmpty() && q.tags().isEmpty() && q.types().isEmpty());
    assertFalse(q.hasDurationBound());
  }

  @Test
  void parse_emptyQuery_namesTheThreeRequiredParameters() {
    assertEquals(List.of("app_id", "start_time", "end_time"), problemParameters(""));
  }

  @Test
  void parse_everyParameterBad_namesEachOnceInContractOrder() {
    String query = "app_id=&start_time=x&end_time=y&search=" + "s".repeat(1001)
        + "&models=&tags=&type=z&min_duration=-1&max_duration=abc&limit=0&page=-1&order=up";
    assertEquals(RunQueryParser.PARAMETERS, problemParameters(query));
  }

  @Test
  void parse_plusInQuery_isASpace() {
    assertEquals("a b", parse(WINDOW + "&search=a+b").query().search());
  }

  @Test
  void parse_percentEncodedNames_areDecoded() {
    assertEquals(7, parse(WINDOW + "&li%6Dit=7").query().limit());
  }

  @Test
  void parse_searchSpaces_areKept() {
    assertEquals("  x ", parse(WINDOW + "&search=%20%20x%20").query().search());
  }

  @Test
  void parse_repeatedArrayValues_areAccepted() {
    RunQuery q = parse(WINDOW + "&models=a&models=b&tags=t&type=llm&type=agent").query();
    assertEquals(List.of("a", "b"), q.models());
    assertEquals(2, q.types().size());
  }

  @Test
  void parse_leadingZeros_areDecimalDigits() {
    assertEquals(7, parse(WINDOW + "&limit=007&page=0000").query().limit());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.25", "12", "3.000", "1000000000000"})
  void parse_decimalDurations_areKeptExactly(String value) {
    assertEquals(new BigDecimal(value), parse(WINDOW + "&min_duration=" + value).query().minDuration());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e3", "NaN", "inf", "Infinity", "0x10", ".5", "5.", "1,5", " 1", "--1", "-0.1"})
  void parse_notADecimalNumberOfSeconds_is422(String value) {
    assertEquals(List.of("max_duration"), problemParameters(WINDOW + "&max_duration=" + value.replace(" ", "%20")));
  }

  @Test
  void parse_equalDurationBounds_areAccepted() {
    assertTrue(parse(WINDOW + "&min_duration=1.5&max_duration=1.50").isValid());
  }

  @Test
  void parse_equalWindowEnds_areAccepted() {
    assertTrue(parse("app_id=a&start_time=2024-05-01T00:00:00Z&end_time=2024-05-01T02:00:00%2B02:00").isValid());
  }

  @Test
  void parse_startAFractionOfANanosecondAfterEnd_is422() {
    String query = "app_id=a&start_time=2024-05-01T00:00:00.0000000001Z&end_time=2024-05-01T00:00:00Z";
    assertEquals(List.of("start_time", "end_time"), problemParameters(query));
  }

  @Test
  void parse_boundsFinerThanANanosecond_roundOutwardKeepingExactMatches() {
    RunQuery q = parse("app_id=a&start_time=2024-05-01T00:00:00.0000000001Z"
        + "&end_time=2024-05-01T00:00:00.0010000009Z").query();
    assertEquals(Instant.parse("2024-05-01T00:00:00.000000001Z"), q.startInclusive());
    assertEquals(Instant.parse("2024-05-01T00:00:00.001000000Z"), q.endInclusive());
  }

  @Test
  void parse_durationZeroIgnoredDefect_dropsOnlyAZeroMinimum() {
    RunQueryParser broken = new RunQueryParser(Defects.of(List.of(Defect.DURATION_ZERO_IGNORED)));
    assertNull(broken.parse(RawQuery.parse(WINDOW + "&min_duration=0.000")).query().minDuration());
    assertEquals(new BigDecimal("0.5"),
        broken.parse(RawQuery.parse(WINDOW + "&min_duration=0.5")).query().minDuration());
  }

  // Issue 11: the decisions of the outside reading (ADR 0003).

  @ParameterizedTest
  @ValueSource(strings = {"-0", "-0.0", "-1", "-0.5"})
  void parse_durationWithMinusSign_is422EvenWhenNotNegative(String value) {
    assertEquals(List.of("min_duration"), problemParameters(WINDOW + "&min_duration=" + value));
  }

  @Test
  void parse_minusZeroAcceptedDefect_readsMinusZeroAsZeroButStillRefusesNegatives() {
    RunQueryParser broken = new RunQueryParser(Defects.of(List.of(Defect.MINUS_ZERO_ACCEPTED)));
    assertEquals(0, broken.parse(RawQuery.parse(WINDOW + "&min_duration=-0")).query().minDuration().signum());
    assertFalse(broken.parse(RawQuery.parse(WINDOW + "&min_duration=-1")).isValid());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2024-04-10T23:59:60Z", "2016-12-31T23:59:60%2B01:00", "2016-12-30T23:59:60Z",
      "2016-12-31T22:59:60Z", "2017-06-30T23:59:60Z"})
  void parse_secondSixtyWhereNoLeapSecondWasInserted_is422(String value) {
    assertEquals(List.of("start_time"), problemParameters(
        "app_id=a&start_time=" + value + "&end_time=2024-05-02T00:00:00Z"));
  }

  @Test
  void parse_realLeapSecond_isAcceptedAndSelectsFromTheNextMidnight() {
    RunQuery q = parse("app_id=a&start_time=2016-12-31T23:59:60.5Z&end_time=2017-01-01T01:00:00Z").query();
    assertEquals(Instant.parse("2017-01-01T00:00:00Z"), q.startInclusive());
    RunQuery end = parse("app_id=a&start_time=2016-12-31T00:00:00Z&end_time=2017-01-01T00:59:60%2B01:00").query();
    assertEquals(Instant.parse("2016-12-31T23:59:59.999999999Z"), end.endInclusive());
  }

  @Test
  void parse_leapSecondOrder_isAfterEveryInstantOf235959AndBeforeMidnight() {
    assertEquals(List.of("start_time", "end_time"), problemParameters(
        "app_id=a&start_time=2016-12-31T23:59:60Z&end_time=2016-12-31T23:59:59.9999999999Z"));
    assertEquals(List.of("start_time", "end_time"), problemParameters(
        "app_id=a&start_time=2016-12-31T23:59:60.7Z&end_time=2016-12-31T23:59:60.2Z"));
    assertTrue(parse("app_id=a&start_time=2016-12-31T23:59:60.999Z&end_time=2017-01-01T00:00:00Z").isValid());
    assertTrue(parse("app_id=a&start_time=2016-12-31T23:59:59.999Z&end_time=2016-12-31T23:59:60Z").isValid());
  }

  @Test
  void parse_leapSecondNextMinuteDefect_readsAnySecondSixtyAsTheNextMinute() {
    RunQueryParser broken = new RunQueryParser(Defects.of(List.of(Defect.LEAP_SECOND_NEXT_MINUTE)));
    RunQuery q = broken.parse(RawQuery.parse(
        "app_id=a&start_time=2024-04-10T23:59:60Z&end_time=2024-05-02T00:00:00Z")).query();
    assertEquals(Instant.parse("2024-04-11T00:00:00Z"), q.startInclusive());
  }

  @ParameterizedTest
  @ValueSource(strings = {"%C3", "%FF", "a%C3", "%ED%A0%80", "%C0%AF", "%F4%90%80%80", "%zz", "%4", "%%41",
      "%\u0663\u0663"})
  void parse_percentEscapesThatAreNotUtf8_are422ForTheirParameter(String value) {
    assertEquals(List.of("search", "models"), problemParameters(WINDOW + "&search=" + value + "&models=" + value));
  }

  @Test
  void parse_percentEscapesThatAreUtf8_decode() {
    assertEquals("é€😀 +", parse(WINDOW + "&search=%C3%A9%E2%82%AC%F0%9F%98%80%20%2B").query().search());
  }

  @Test
  void parse_badlyEncodedNameOrUnknownParameter_isIgnored() {
    assertTrue(parse(WINDOW + "&%C3=1&unknown=%FF").isValid());
  }

  @Test
  void parse_percentUtf8ReplacedDefect_decodesToReplacementCharacter() {
    assertEquals("\uFFFD", RawQuery.parse("search=%C3", true).all("search").get(0));
    assertTrue(RawQuery.isUndecodable(RawQuery.parse("search=%C3").all("search").get(0)));
  }

  @Test
  void parse_bareNameWithoutEquals_isTheEmptyValue() {
    assertEquals(List.of("limit"), problemParameters(WINDOW + "&limit"));
    assertEquals("", parse(WINDOW + "&search").query().search());
  }

  @Test
  void parse_semicolonAndComma_arePartOfTheValue() {
    assertEquals(List.of("limit"), problemParameters(WINDOW + "&limit=5;page=1"));
    assertEquals(List.of("a,b"), parse(WINDOW + "&tags=a,b").query().tags());
  }

  @Test
  void parse_namesAreCaseSensitive() {
    assertEquals(100, parse(WINDOW + "&Limit=0").query().limit());
  }

  @Test
  void parse_longDigitStrings_areJudgedByValue() {
    assertEquals(1, parse(WINDOW + "&limit=" + "0".repeat(40) + "1").query().limit());
    assertEquals(List.of("limit"), problemParameters(WINDOW + "&limit=" + "0".repeat(40) + "1001"));
    assertTrue(parse(WINDOW + "&min_duration=99999999999999999999").isValid());
    assertEquals(List.of("min_duration", "max_duration"),
        problemParameters(WINDOW + "&min_duration=1.00000000000000000001&max_duration=1"));
  }

  @Test
  void parse_lengthsCountCodePoints() {
    String emoji = "%F0%9F%98%80";
    assertTrue(parse(WINDOW + "&search=" + emoji.repeat(1000) + "&models=" + emoji.repeat(200)).isValid());
    assertEquals(List.of("search", "models"),
        problemParameters(WINDOW + "&search=" + emoji.repeat(1001) + "&models=" + emoji.repeat(201)));
  }

  @Test
  void parse_moreThan100ValuesOfType_is422EvenWhenEachIsValidAndRepeatsCount() {
    assertEquals(List.of("type"), problemParameters(WINDOW + "&type=llm".repeat(101)));
    assertTrue(parse(WINDOW + "&type=llm".repeat(100)).isValid());
  }

  @Test
  void parse_pairWithOneMemberInvalid_namesOnlyThatMember() {
    assertEquals(List.of("max_duration"), problemParameters(WINDOW + "&min_duration=5&max_duration=abc"));
    assertEquals(List.of("start_time"),
        problemParameters("app_id=a&start_time=x&end_time=2024-05-02T00:00:00Z"));
  }
}
