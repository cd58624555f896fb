package dev.runsapi.mock.query;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3339 {@code date-time} (section 5.6): a full date, {@code T}, a time with optional fraction
 * of any length, and an offset ({@code Z} or {@code ±hh:mm}). {@code T} and {@code Z} may be lower
 * case, as the RFC allows; a leap second ({@code :60}) is read as the first instant of the next
 * minute. Anything else is rejected.
 */
public final class Rfc3339 {
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?"
              + "(?:([Zz])|([+-])(\\d{2}):(\\d{2}))");

  private Rfc3339() {}

  /**
   * An instant given with arbitrary precision: {@code exact} seconds since the epoch, and the same
   * rounded down and up to the nanosecond.
   */
  public record ExactInstant(BigDecimal exact, Instant floor, Instant ceiling) {}

  public static Optional<ExactInstant> parse(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int second = Integer.parseInt(m.group(6));
    boolean leap = second == 60;
    LocalDateTime local;
    try {
      local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              leap ? 59 : second);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
    long offsetSeconds = 0;
    if (m.group(8) == null) {
      int hh = Integer.parseInt(m.group(10));
      int mm = Integer.parseInt(m.group(11));
      if (hh > 23 || mm > 59) {
        return Optional.empty();
      }
      offsetSeconds = (hh * 3600L + mm * 60L) * ("-".equals(m.group(9)) ? -1 : 1);
    }
    long epochSecond = local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds + (leap ? 1 : 0);
    String fraction = m.group(7) == null ? "" : m.group(7);
    String firstNine = (fraction + "000000000").substring(0, 9);
    boolean finer = fraction.length() > 9 && !fraction.substring(9).chars().allMatch(c -> c == '0');
    Instant floor = Instant.ofEpochSecond(epochSecond, Long.parseLong(firstNine));
    Instant ceiling = finer ? floor.plusNanos(1) : floor;
    BigDecimal exact =
        fraction.isEmpty()
            ? BigDecimal.valueOf(epochSecond)
            : BigDecimal.valueOf(epochSecond).add(new BigDecimal("0." + fraction));
    return Optional.of(new ExactInstant(exact, floor, ceiling));
  }
}
