package io.x0tta6bl4.mapek.execute;

import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff: the wait before retry {@code n} (1-based) is {@code initial *
 * multiplier^(n-1)}, capped at {@code max}.
 *
 * @param initial wait before the first retry, positive
 * @param multiplier growth per retry, at least 1.0
 * @param max longest wait, not shorter than {@code initial}
 */
record Backoff(Duration initial, double multiplier, Duration max) {

  Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff needs 0 < initial <= max, but was " + initial + " and " + max);
    }
    if (!(multiplier >= 1.0)) {
      throw new IllegalArgumentException("multiplier must be >= 1.0, but was " + multiplier);
    }
  }

  /** The wait before retry {@code retry} (1 for the first retry). */
  Duration delayBefore(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry must be >= 1, but was " + retry);
    }
    double millis = initial.toMillis() * Math.pow(multiplier, retry - 1);
    return millis >= max.toMillis() ? max : Duration.ofMillis(Math.round(millis));
  }
}
