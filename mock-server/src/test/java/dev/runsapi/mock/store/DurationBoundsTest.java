package dev.runsapi.mock.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Decimal seconds of any precision turned into exact whole-millisecond bounds. */
class DurationBoundsTest {

  @Test
  void of_inclusiveBounds_roundInward() {
    assertEquals(new DurationBounds(1, 0), bounds("0.0005", "0.0005", false)); // no whole ms in it
    assertEquals(new DurationBounds(1001, 1000), bounds("1.0009", "1.0009", false));
    assertEquals(new DurationBounds(1, 0), bounds("1e-20", "1e-20", false));
    assertEquals(new DurationBounds(0, 0), bounds("0", "0", false));
    assertEquals(new DurationBounds(2500, 2500), bounds("2.5", "2.500000", false));
    assertEquals(new DurationBounds(1, Long.MAX_VALUE), bounds("1E-999999999", null, false));
  }

  @Test
  void of_exclusiveBounds_areOneMillisecondFurtherInOnlyWhenWhole() {
    assertEquals(new DurationBounds(1, -1), bounds("0", "0", true));
    assertEquals(new DurationBounds(1, 0), bounds("0.0005", "0.0005", true));
    assertEquals(new DurationBounds(1001, 1000), bounds("1.0009", "1.0009", true));
    assertEquals(new DurationBounds(2501, 2499), bounds("2.5", "2.5", true));
    assertEquals(new DurationBounds(1, 0), bounds("1e-20", "1e-20", true));
  }

  @Test
  void of_valuesBeyondALongOfMilliseconds_areClampedWithoutOverflow() {
    DurationBounds none = new DurationBounds(Long.MAX_VALUE, Long.MIN_VALUE);
    assertEquals(none, bounds("1E+30", null, false));
    assertEquals(none, bounds("1E+999999999", null, true));
    assertEquals(new DurationBounds(Long.MAX_VALUE, Long.MAX_VALUE),
        bounds("9223372036854775.807", null, false));
    assertEquals(none, bounds("9223372036854775.807", null, true));
    assertEquals(none, bounds(null, "-9223372036854775.808", true));
    assertEquals(new DurationBounds(Long.MIN_VALUE, Long.MAX_VALUE), bounds(null, "1E+999999999", true));
    assertEquals(new DurationBounds(0, Long.MAX_VALUE), bounds("0", "9223372036854775.807", false));
    assertEquals(new DurationBounds(Long.MAX_VALUE, Long.MAX_VALUE - 1),
        bounds("9223372036854775.806", "9223372036854775.807", true));
    assertEquals(new DurationBounds(Long.MIN_VALUE, Long.MAX_VALUE), bounds(null, null, false));
  }

  /** For random bounds and durations, the long comparison agrees with the decimal one. */
  @Test
  void contains_agreesWithComparingDecimalSeconds() {
    long seed = Long.getLong("duration.seed", 7L);
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      BigDecimal min = random.nextInt(4) == 0 ? null : seconds(random);
      BigDecimal max = random.nextInt(4) == 0 ? null : seconds(random);
      boolean exclusive = random.nextBoolean();
      DurationBounds bounds = DurationBounds.of(min, max, exclusive);
      for (int j = 0; j < 5; j++) {
        long millis = random.nextInt(3) == 0 && min != null
            ? min.movePointRight(3).longValue() + random.nextInt(3) - 1
            : random.nextInt(20_000);
        BigDecimal s = BigDecimal.valueOf(millis, 3);
        boolean expected = (min == null || (exclusive ? s.compareTo(min) > 0 : s.compareTo(min) >= 0))
            && (max == null || (exclusive ? s.compareTo(max) < 0 : s.compareTo(max) <= 0));
        assertEquals(expected, bounds.contains(millis),
            "seed " + seed + ": " + millis + " ms in [" + min + ", " + max + "] exclusive " + exclusive);
      }
    }
  }

  private static BigDecimal seconds(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> BigDecimal.valueOf(random.nextInt(20_000), 3);
      case 1 -> BigDecimal.valueOf(random.nextInt(200_000), 4);
      case 2 -> new BigDecimal(random.nextInt(20) + "." + random.nextInt(1_000_000_000) + "000001");
      default -> BigDecimal.valueOf(random.nextInt(20));
    };
  }

  private static DurationBounds bounds(String min, String max, boolean exclusive) {
    return DurationBounds.of(min == null ? null : new BigDecimal(min),
        max == null ? null : new BigDecimal(max), exclusive);
  }
}
