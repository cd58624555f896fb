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
}
