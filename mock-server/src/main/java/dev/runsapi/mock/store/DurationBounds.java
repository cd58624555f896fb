package dev.runsapi.mock.store;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A query's {@code min_duration}/{@code max_duration} (decimal seconds of any precision) as whole
 * milliseconds, so that a run's duration is compared as a {@code long}: {@code min <= millis <=
 * max}. Runs have whole milliseconds, so "at least 1.0005 s" is exactly "at least 1001 ms" (the
 * ceiling) and "at most 1.0005 s" exactly "at most 1000 ms" (the floor); exclusive bounds (defect
 * duration-bounds-exclusive) are one millisecond further in. Values beyond what a {@code long} of
 * milliseconds holds are clamped, which is exact: no duration lies beyond them.
 *
 * @param min the least duration in milliseconds that matches
 * @param max the greatest duration in milliseconds that matches ({@code min > max}: none matches)
 */
record DurationBounds(long min, long max) {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  static DurationBounds of(BigDecimal minSeconds, BigDecimal maxSeconds, boolean exclusive) {
    long min = Long.MIN_VALUE;
    long max = Long.MAX_VALUE;
    boolean none = false;
    if (minSeconds != null) {
      BigDecimal millis = minSeconds.scaleByPowerOfTen(3); // not movePointRight: 1E+999999999 would be written out
      if (millis.compareTo(LONG_MAX) > 0) {
        none = true;
      } else if (millis.compareTo(LONG_MIN) >= 0) {
        // exclusive: more than x ms is at least floor(x) + 1
        long whole = wholeMillis(millis, exclusive ? RoundingMode.FLOOR : RoundingMode.CEILING);
        none = exclusive && whole == Long.MAX_VALUE;
        min = exclusive && !none ? whole + 1 : whole;
      }
    }
    if (maxSeconds != null) {
      BigDecimal millis = maxSeconds.scaleByPowerOfTen(3); // not movePointRight: 1E+999999999 would be written out
      if (millis.compareTo(LONG_MIN) < 0) {
        none = true;
      } else if (millis.compareTo(LONG_MAX) <= 0) {
        // exclusive: less than x ms is at most ceil(x) - 1
        long whole = wholeMillis(millis, exclusive ? RoundingMode.CEILING : RoundingMode.FLOOR);
        none |= exclusive && whole == Long.MIN_VALUE;
        max = exclusive && whole != Long.MIN_VALUE ? whole - 1 : whole;
      }
    }
    return none ? new DurationBounds(Long.MAX_VALUE, Long.MIN_VALUE) : new DurationBounds(min, max);
  }

  /**
   * {@code millis} (within the long bounds) rounded to a whole number. A magnitude below
   * one is rounded by its sign, without {@link BigDecimal#setScale}, which for a value like 1e-20
   * or 1E-999999999 would divide by a power of ten as long as its exponent.
   */
  private static long wholeMillis(BigDecimal millis, RoundingMode mode) {
    if (millis.abs().compareTo(BigDecimal.ONE) < 0) {
      int sign = millis.signum();
      if (sign == 0) {
        return 0;
      }
      return mode == RoundingMode.CEILING ? (sign > 0 ? 1 : 0) : (sign > 0 ? 0 : -1);
    }
    return millis.setScale(0, mode).longValueExact();
  }

  /** Whether a run that lasted {@code millis} matches. */
  boolean contains(long millis) {
    return millis >= min && millis <= max;
  }
}
