package io.x0tta6bl4.mapek.analyze;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/** Numbers and durations as a person reads them in an evidence sentence. */
final class Format {

  private static final MathContext FOUR_DIGITS = new MathContext(4);

  private Format() {}

  /** At most four significant digits, without exponent for everyday magnitudes: 0.93, 1.235E+9. */
  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (value == 0) {
      return "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(FOUR_DIGITS).stripTrailingZeros();
    double magnitude = Math.abs(value);
    return magnitude >= 1e-4 && magnitude < 1e9 ? rounded.toPlainString() : rounded.toString();
  }

  /** Seconds with at most millisecond precision: 35s, 0.5s. */
  static String duration(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }

  /** One decimal, as z-scores are quoted: 9.1. */
  static String oneDecimal(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
  }
}
