package io.x0tta6bl4.mapek.monitor.scrape;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Numbers as expositions write them. Stricter than {@link Double#parseDouble}, which would also
 * take {@code 1d}, {@code 0x1p3} or {@code " 1"}: a value is a decimal with an optional exponent,
 * or {@code NaN}, {@code +Inf}, {@code -Inf} (any case, {@code Infinity} too).
 */
final class Numbers {

  /** Timestamps beyond this many seconds from the epoch are not plausible. */
  private static final double MAX_EPOCH_SECONDS = 1e13;

  /** Closer to the epoch than this rounds to it at nanosecond precision. */
  private static final double NEGLIGIBLE_SECONDS = 1e-10;

  private Numbers() {}

  static double parse(String token) {
    int n = token.length();
    int start = n > 0 && (token.charAt(0) == '+' || token.charAt(0) == '-') ? 1 : 0;
    if (start < n && Character.isLetter(token.charAt(start))) {
      return special(token, start);
    }
    int i = start;
    int digits = 0;
    for (; i < n && isDigit(token.charAt(i)); i++) {
      digits++;
    }
    if (i < n && token.charAt(i) == '.') {
      for (i++; i < n && isDigit(token.charAt(i)); i++) {
        digits++;
      }
    }
    if (digits == 0) {
      throw new NumberFormatException(token);
    }
    if (i < n && (token.charAt(i) == 'e' || token.charAt(i) == 'E')) {
      i++;
      i += i < n && (token.charAt(i) == '+' || token.charAt(i) == '-') ? 1 : 0;
      int exponent = i;
      while (i < n && isDigit(token.charAt(i))) {
        i++;
      }
      if (i == exponent) {
        throw new NumberFormatException(token);
      }
    }
    if (i != n) {
      throw new NumberFormatException(token);
    }
    return Double.parseDouble(token);
  }

  private static double special(String token, int start) {
    String word = token.substring(start);
    if (word.equalsIgnoreCase("inf") || word.equalsIgnoreCase("infinity")) {
      return token.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (start == 0 && word.equalsIgnoreCase("nan")) {
      return Double.NaN;
    }
    throw new NumberFormatException(token);
  }

  /** An integer such as a text-format timestamp in milliseconds. */
  static long integer(String token) {
    int start = token.startsWith("-") ? 1 : 0;
    if (token.length() == start) {
      throw new NumberFormatException(token);
    }
    for (int i = start; i < token.length(); i++) {
      if (!isDigit(token.charAt(i))) {
        throw new NumberFormatException(token);
      }
    }
    return Long.parseLong(token);
  }

  /** An OpenMetrics timestamp: seconds since the epoch, with a fraction, kept to the nanosecond. */
  static Instant epochSeconds(String token) {
    double seconds = parse(token);
    if (!(Math.abs(seconds) < MAX_EPOCH_SECONDS)) {
      throw new NumberFormatException(token);
    }
    if (Math.abs(seconds) < NEGLIGIBLE_SECONDS) {
      // its exponent may be huge (1e-999999999): exact arithmetic on it would need a power of ten
      // with a billion digits. Above this bound the scale is at most the token's length plus ten.
      return Instant.EPOCH;
    }
    // a double would turn 1700000000.123 into ...122999907
    BigDecimal exact = new BigDecimal(token.startsWith("+") ? token.substring(1) : token);
    BigDecimal whole = exact.setScale(0, RoundingMode.FLOOR);
    long nanos =
        exact.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValue();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
