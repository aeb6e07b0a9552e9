package io.x0tta6bl4.mapek.analyze;

import java.util.List;

/**
 * How the adaptive detector learns and judges baselines. Invalid values are rejected with a message
 * that starts with the configuration key ({@code alpha}, {@code z-threshold}, ...) and names the
 * bad value.
 *
 * @param alpha EWMA smoothing of mean and variance, in (0, 1]; the weight of each new sample
 * @param warmupSamples samples a series must be learned from before it may fire; positive
 * @param zThreshold |z| at or beyond which a sample is outside the band; positive
 * @param forSamples consecutive out-of-band samples before the detector fires; positive
 * @param clearSamples consecutive in-band samples before a firing series resolves; positive
 * @param minStddev absolute floor of the standard deviation, in the series' unit; positive
 * @param minRelativeStddev floor of the standard deviation relative to |mean|; zero or positive
 * @param include glob patterns on series names to watch ({@code *}, {@code ?}); not empty
 * @param exclude glob patterns on series names never to watch, even when included
 * @param maxSeries most series tracked at once; more are ignored and counted; positive
 * @param staleAfterCycles cycles without a sample after which a series is forgotten; positive
 */
public record AdaptiveSettings(
    double alpha,
    int warmupSamples,
    double zThreshold,
    int forSamples,
    int clearSamples,
    double minStddev,
    double minRelativeStddev,
    List<String> include,
    List<String> exclude,
    int maxSeries,
    int staleAfterCycles) {

  public AdaptiveSettings {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException(
          "alpha must be in (0, 1], but was " + Format.number(alpha));
    }
    requirePositive("warmup-samples", warmupSamples);
    if (!(zThreshold > 0 && Double.isFinite(zThreshold))) {
      throw new IllegalArgumentException(
          "z-threshold must be positive, but was " + Format.number(zThreshold));
    }
    requirePositive("for-samples", forSamples);
    requirePositive("clear-samples", clearSamples);
    if (!(minStddev > 0 && Double.isFinite(minStddev))) {
      throw new IllegalArgumentException(
          "min-stddev must be positive, but was " + Format.number(minStddev));
    }
    if (!(minRelativeStddev >= 0 && Double.isFinite(minRelativeStddev))) {
      throw new IllegalArgumentException(
          "min-relative-stddev must be zero or positive, but was "
              + Format.number(minRelativeStddev));
    }
    include = patterns("include", include);
    exclude = patterns("exclude", exclude);
    if (include.isEmpty()) {
      throw new IllegalArgumentException("include must not be empty, but was []");
    }
    requirePositive("max-series", maxSeries);
    requirePositive("stale-after-cycles", staleAfterCycles);
  }

  /** The defaults: alpha 0.05, 30 warm-up samples, |z| 4 for 3 samples, clear after 3. */
  public static AdaptiveSettings defaults() {
    return new AdaptiveSettings(
        0.05, 30, 4, 3, 3, 1e-6, 0.01, List.of("*"), List.of(), 10_000, 100);
  }

  private static void requirePositive(String key, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(key + " must be positive, but was " + value);
    }
  }

  private static List<String> patterns(String key, List<String> patterns) {
    if (patterns == null) {
      return List.of();
    }
    for (String pattern : patterns) {
      if (pattern == null || pattern.isBlank()) {
        throw new IllegalArgumentException(
            key + " must not contain a blank pattern, but was '" + pattern + "' in " + patterns);
      }
    }
    return List.copyOf(patterns);
  }
}
