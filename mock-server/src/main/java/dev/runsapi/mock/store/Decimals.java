package dev.runsapi.mock.store;

import java.math.BigDecimal;

/** Decimal numbers as the API writes them: plain digits, no exponent, no trailing zeros. */
public final class Decimals {
  private Decimals() {}

  public static BigDecimal plain(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }

  /** Milliseconds as seconds with at most three decimals (3, 3.25, 0.001). */
  public static BigDecimal seconds(long millis) {
    return plain(BigDecimal.valueOf(millis, 3));
  }
}
