package io.x0tta6bl4.mapek.analyze.stream;

/**
 * Parameters of the streaming detector, one set for every series.
 *
 * @param levels value levels the learned range is cut into; 2..64
 * @param contextLength longest context, in preceding levels; 1..8
 * @param memorySlots transitions remembered per series (power of two, at least 4)
 * @param warmupSamples samples a series is learned from before it may score above zero
 * @param shortWindow samples averaged into the recent novelty
 * @param longAlpha EWMA weight with which the usual novelty and its spread are learned, in (0, 1)
 * @param rangeMargin share of the learned range a value must leave it by to score 0.5
 * @param smoothAlpha EWMA weight of the smoothed level, in (0, 1]
 * @param smoothMargin share of the smoothed level's range it must leave it by to score 0.5
 * @param restSamples samples after a detection during which the series is not reported again
 * @param threshold score at and above which a sample is a detection, in (0, 1)
 */
public record StreamSettings(
    int levels,
    int contextLength,
    int memorySlots,
    int warmupSamples,
    int shortWindow,
    double longAlpha,
    double rangeMargin,
    double smoothAlpha,
    double smoothMargin,
    int restSamples,
    double threshold) {

  public StreamSettings {
    if (levels < 2 || levels > 64) {
      throw new IllegalArgumentException("levels must be in 2..64, but was " + levels);
    }
    if (contextLength < 1 || contextLength > 8) {
      throw new IllegalArgumentException(
          "context-length must be in 1..8, but was " + contextLength);
    }
    if (memorySlots < 4 || Integer.bitCount(memorySlots) != 1) {
      throw new IllegalArgumentException(
          "memory-slots must be a power of two of at least 4, but was " + memorySlots);
    }
    if (warmupSamples < 1) {
      throw new IllegalArgumentException(
          "warmup-samples must be positive, but was " + warmupSamples);
    }
    if (shortWindow < 1 || shortWindow > 1024) {
      throw new IllegalArgumentException("short-window must be in 1..1024, but was " + shortWindow);
    }
    if (!(longAlpha > 0 && longAlpha < 1)) {
      throw new IllegalArgumentException("long-alpha must be in (0, 1), but was " + longAlpha);
    }
    if (!(rangeMargin >= 0 && Double.isFinite(rangeMargin))) {
      throw new IllegalArgumentException(
          "range-margin must be zero or positive, but was " + rangeMargin);
    }
    if (!(smoothAlpha > 0 && smoothAlpha <= 1)) {
      throw new IllegalArgumentException("smooth-alpha must be in (0, 1], but was " + smoothAlpha);
    }
    if (!(smoothMargin > 0 && Double.isFinite(smoothMargin))) {
      throw new IllegalArgumentException("smooth-margin must be positive, but was " + smoothMargin);
    }
    if (restSamples < 0) {
      throw new IllegalArgumentException(
          "rest-samples must be zero or positive, but was " + restSamples);
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1), but was " + threshold);
    }
  }

  /** The parameter set measured on NAB (docs/performance.md). */
  public static StreamSettings defaults() {
    return new StreamSettings(8, 4, 1024, 150, 5, 0.001, 0.007, 0.05, 0.05, 30, 0.5);
  }
}
