package dev.runsapi.mock.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 3339 date-time, and nothing else. */
class Rfc3339Test {
  @ParameterizedTest
  @CsvSource({
    "2024-05-01T12:00:00Z, 2024-05-01T12:00:00Z",
    "2024-05-01t12:00:00z, 2024-05-01T12:00:00Z",
    "2024-05-01T14:00:00+02:00, 2024-05-01T12:00:00Z",
    "2024-05-01T06:30:00-05:30, 2024-05-01T12:00:00Z",
    "2024-05-01T12:00:00-00:00, 2024-05-01T12:00:00Z",
    "2024-05-01T12:00:00.25Z, 2024-05-01T12:00:00.250Z",
    "2024-05-01T12:00:00.123456789Z, 2024-05-01T12:00:00.123456789Z",
    "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z",
    "2016-12-31T23:59:60Z, 2016-12-31T23:59:59.999999999Z",
    "1972-06-30T23:59:60.5Z, 1972-06-30T23:59:59.999999999Z",
    "2017-01-01T05:29:60+05:30, 2016-12-31T23:59:59.999999999Z",
  })
  void parse_validDateTime_isThatInstant(String text, String instant) {
    assertEquals(Instant.parse(instant), Rfc3339.parse(text).orElseThrow().floor());
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "2024-05-01", "2024-05-01T12:00:00", "2024-05-01 12:00:00Z", "2024-05-01T12:00Z",
    "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2024-05-01T24:00:00Z", "2024-05-01T12:00:00+24:00",
    "2024-05-01T12:00:00+0200", "2024-05-01T12:00:00.Z", "+2024-05-01T12:00:00Z", "1714521600",
    "2024-05-01T12:00:00Z ", "２０２４-05-01T12:00:00Z", "", "2024-05-01T12:00:00.5",
    "2024-05-01T12:00:61Z", "2024-05-01T12:00:00+02:0a", "2024-05-01T12:00:00+02:00Z",
    "2024-05-01T12:00:00.5.5Z", "2024-05-01T12:00:00.", "2024-05-01T1a:00:00Z", "2024-05-01T12:00:00UTC",
    "2024-04-10T23:59:60Z", "2016-12-31T23:59:60+01:00", "2016-12-31T12:59:60Z", "2017-12-31T23:59:60Z",
    "2024-05-01T12:00:00,5Z"
  })
  void parse_anythingElse_isRejected(String text) {
    assertTrue(Rfc3339.parse(text).isEmpty(), text);
  }

  @org.junit.jupiter.api.Test
  void parse_fractionBeyondNanoseconds_keepsTheExactValueAndRoundsBothWays() {
    Rfc3339.ExactInstant t = Rfc3339.parse("2024-05-01T12:00:00.1234567891-01:00").orElseThrow();
    assertEquals(new java.math.BigDecimal("1714568400.1234567891"), t.exact());
    assertEquals(Instant.parse("2024-05-01T13:00:00.123456789Z"), t.floor());
    assertEquals(Instant.parse("2024-05-01T13:00:00.123456790Z"), t.ceiling());
    Rfc3339.ExactInstant zeros = Rfc3339.parse("2024-05-01T12:00:00.5000000000Z").orElseThrow();
    assertEquals(zeros.floor(), zeros.ceiling());
    assertEquals(0, new java.math.BigDecimal("1714564800.5").compareTo(zeros.exact()));
  }

  /** The hand-written date arithmetic against java.time, over random instants and offsets. */
  @org.junit.jupiter.api.Test
  void parse_randomDateTimes_agreeWithJavaTime() {
    long seed = Long.getLong("rfc3339.seed", 5L);
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    java.time.format.DateTimeFormatter format =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");
    long min = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9998-12-31T00:00:00Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1000) * 1_000_000L);
      java.time.ZoneOffset offset = java.time.ZoneOffset.ofTotalSeconds(random.nextInt(-17, 18) * 3600
          + (random.nextBoolean() ? 0 : 1800));
      String text = format.format(instant.atOffset(offset));
      assertEquals(instant, Rfc3339.parse(text).orElseThrow().floor(), "seed " + seed + ", " + text);
    }
  }

  @Test
  void formatUtc_randomInstants_writesWhatTheFormatterWrites() {
    long seed = Long.getLong("rfc3339.seed", 17L);
    SplittableRandom random = new SplittableRandom(seed);
    long min = Instant.parse("-0500-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+12000-01-01T00:00:00Z").getEpochSecond();
    long firstFormatted = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long lastFormatted = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 20_000; i++) {
      Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
      int digits = random.nextInt(10);
      char[] text = new char[30];
      int length = Rfc3339.formatUtc(instant, digits, text);
      String why = "seed " + seed + ", " + instant + " with " + digits + " digits";
      if (instant.getEpochSecond() < firstFormatted || instant.getEpochSecond() > lastFormatted) {
        assertEquals(-1, length, why);
        continue;
      }
      DateTimeFormatter expected = DateTimeFormatter.ofPattern(
          "uuuu-MM-dd'T'HH:mm:ss" + (digits == 0 ? "" : "." + "S".repeat(digits)) + "'Z'")
          .withZone(ZoneOffset.UTC);
      assertEquals(expected.format(instant), new String(text, 0, length), why);
    }
  }

  @Test
  void parse_leapSeconds_areTheTwentySevenOfIersAndOrderBeforeMidnight() {
    assertEquals(27, Rfc3339.LEAP_SECOND_DAYS.size());
    Rfc3339.ExactInstant leap = Rfc3339.parse("2016-12-31T23:59:60.25Z").orElseThrow();
    assertTrue(leap.leap());
    assertEquals(Instant.parse("2017-01-01T00:00:00Z"), leap.ceiling());
    assertTrue(leap.compareTo(Rfc3339.parse("2016-12-31T23:59:59.99999999999Z").orElseThrow()) > 0);
    assertTrue(leap.compareTo(Rfc3339.parse("2017-01-01T00:00:00Z").orElseThrow()) < 0);
    assertTrue(leap.compareTo(Rfc3339.parse("2016-12-31T23:59:60.3Z").orElseThrow()) < 0);
    assertEquals(Instant.parse("2024-04-11T00:00:00Z"),
        Rfc3339.parse("2024-04-10T23:59:60Z", true).orElseThrow().floor(), "the defect's reading");
  }
}
