package io.x0tta6bl4.mapek.analyze.stream;

/**
 * What the streaming detector knows about one series, and how it scores the next sample. Three
 * signals, the strongest one wins:
 *
 * <ul>
 *   <li><b>spatial</b>: how far the value leaves the range seen so far, relative to that range;
 *   <li><b>shift</b>: the same for the series' smoothed level (an EWMA of the values) against the
 *       range of its earlier smoothed levels, which catches a level shift that stays inside the
 *       range of the raw values (their spikes and noise widen it, the smoothed level's range much
 *       less);
 *   <li><b>contextual</b>: the value is cut into levels of the learned range; for each of the last
 *       1..n levels (the contexts) the model remembers which level came next. The share of contexts
 *       that never saw the current level next is the raw novelty. Raw novelty is noisy on any real
 *       series, so it is judged against its own history: a short mean of it is compared with the
 *       long-run mean and spread, and the score is the tail probability of that short mean on a log
 *       scale (tail 1e-5 gives 0.5, 1e-10 gives 1).
 * </ul>
 *
 * After a detection the series stays silent for {@code restSamples}: one alert per episode is what
 * a person needs, and the repeats are what makes a detector noisy. Memory is fixed at construction
 * (the transition table and the short window); nothing grows with the length of the series. Not
 * thread-safe.
 */
public final class StreamModel {

  private static final double LOG_TAIL_AT_ONE = Math.log(1e-10);
  private static final Signal[] SIGNALS = Signal.values();

  private final StreamSettings settings;
  private final short[] transitions;
  private final float[] recentNovelty;
  private long samples;
  private double low = Double.POSITIVE_INFINITY;
  private double high = Double.NEGATIVE_INFINITY;
  private double smooth;
  private double smoothLow = Double.POSITIVE_INFINITY;
  private double smoothHigh = Double.NEGATIVE_INFINITY;
  private long history;
  private int recentIndex;
  private double recentSum;
  private double usualNovelty;
  private double noveltySpread;
  private long judged;
  private int resting;
  // an ordinal, not the enum: a reference store into this long-lived object on every sample costs
  // a G1 write barrier
  private int lastSignal = Signal.NONE.ordinal();
  private double lastNovelty;
  private double lastRecentNovelty;
  private double lastScore;
  private double lastSpatial;
  private double lastShift;
  private double lastContextual;
  private double lowBefore;
  private double highBefore;
  private double smoothLowBefore;
  private double smoothHighBefore;
  private int warmed;

  /** Which signal gave the last score. */
  public enum Signal {
    NONE,
    SPATIAL,
    SHIFT,
    CONTEXTUAL
  }

  public StreamModel(StreamSettings settings) {
    this.settings = settings;
    this.transitions = ContextMemory.table(settings.memorySlots());
    this.recentNovelty = new float[settings.shortWindow()];
  }

  /**
   * Scores one finite sample, then learns it. The score uses this sample and earlier ones only.
   *
   * @return 0 (usual) to 1 (extreme); at or above the threshold is a detection, which is followed
   *     by {@code restSamples} samples scored 0
   */
  public double score(double value) {
    samples++;
    lowBefore = low;
    highBefore = high;
    smoothLowBefore = smoothLow;
    smoothHighBefore = smoothHigh;
    double spatial = outside(value, low, high, settings.rangeMargin());
    widenRange(value);
    smooth = samples == 1 ? value : smooth + settings.smoothAlpha() * (value - smooth);
    lastShift = outside(smooth, smoothLow, smoothHigh, settings.smoothMargin());
    smoothLow = Math.min(smoothLow, smooth);
    smoothHigh = Math.max(smoothHigh, smooth);
    int level = level(value);
    double novelty = novelty(level);
    double recent = recentMean(novelty);
    double contextual = contextual(recent);
    // the spread of single-sample novelty, not of its short mean: wider, so a noisy series needs a
    // longer run of novelty before its tail gets small
    learnUsual(novelty);
    lastNovelty = novelty;
    lastRecentNovelty = recent;
    if (samples <= settings.warmupSamples()) {
      return report(0, Signal.NONE);
    }
    lastSpatial = spatial;
    lastContextual = contextual;
    Signal signal = Signal.SPATIAL;
    double score = spatial;
    if (lastShift > score) {
      signal = Signal.SHIFT;
      score = lastShift;
    }
    if (contextual > score) {
      signal = Signal.CONTEXTUAL;
      score = contextual;
    }
    if (resting > 0) {
      resting--;
      return report(0, Signal.NONE);
    }
    if (score >= settings.threshold()) {
      resting = settings.restSamples();
    }
    return report(score, score > 0 ? signal : Signal.NONE);
  }

  private double report(double score, Signal signal) {
    lastScore = score;
    lastSignal = signal.ordinal();
    return score;
  }

  /** Distance outside a range, d / (d + margin) with d in shares of the range. */
  private static double outside(double value, double low, double high, double margin) {
    double range = high - low;
    if (!(range > 0)) {
      return 0;
    }
    double outside = Math.max(value - high, low - value) / range;
    if (outside <= 0) {
      return 0;
    }
    return outside / (outside + margin);
  }

  private void widenRange(double value) {
    if (value < low) {
      low = value;
    }
    if (value > high) {
      high = value;
    }
  }

  private int level(double value) {
    return level(value, low, high);
  }

  private int level(double value, double low, double high) {
    double range = high - low;
    if (!(range > 0)) {
      return 0;
    }
    int levels = settings.levels();
    int level = (int) ((value - low) / range * levels);
    return Math.min(level, levels - 1);
  }

  /** Share of the contexts of length 1..n that never saw this level next; learns them all. */
  private double novelty(int level) {
    int n = settings.contextLength();
    int known = (int) Math.min(samples - 1, n);
    long context = history;
    warmBuckets(level, known);
    int unseen = 0;
    for (int length = 1; length <= known; length++) {
      if (!ContextMemory.seenAndLearn(transitions, transition(context, length, level))) {
        unseen++;
      }
    }
    history = (history << 6) | level;
    return known == 0 ? 0 : (double) unseen / known;
  }

  private double recentMean(double novelty) {
    recentSum += novelty - recentNovelty[recentIndex];
    recentNovelty[recentIndex] = (float) novelty;
    recentIndex = (recentIndex + 1) % recentNovelty.length;
    return recentSum / Math.min(samples, recentNovelty.length);
  }

  /** Log tail probability of the recent novelty under the usual mean and spread, as 0..1. */
  private double contextual(double recent) {
    if (judged < 2) {
      return 0;
    }
    double spread = Math.sqrt(noveltySpread);
    double z = (recent - usualNovelty) / Math.max(spread, 1e-3);
    if (z <= 0) {
      return 0;
    }
    double logTail = Tail.logUpper(z);
    return Math.min(1, logTail / LOG_TAIL_AT_ONE);
  }

  private void learnUsual(double novelty) {
    judged++;
    double weight = Math.max(settings.longAlpha(), 1.0 / judged);
    double diff = novelty - usualNovelty;
    double increment = weight * diff;
    usualNovelty += increment;
    noveltySpread = (1 - weight) * (noveltySpread + diff * increment);
  }

  /**
   * Reads, changing nothing a score depends on, what scoring {@code value} next reads first: the
   * model's fields and the buckets of its contexts. With thousands of series none of it is in the
   * CPU cache; a caller that warms the next series while it scores this one overlaps their cache
   * misses.
   */
  public void warm(double value) {
    int known = (int) Math.min(samples, settings.contextLength());
    warmBuckets(level(value, Math.min(low, value), Math.max(high, value)), known);
  }

  /** Reads the model's own fields and its arrays' headers, the first step of {@link #warm}. */
  public void touch() {
    warmed =
        (int) (samples ^ history)
            ^ (int) Double.doubleToRawLongBits(low + high)
            ^ transitions.length
            ^ recentNovelty.length;
  }

  /**
   * Reads the first slot of the bucket of every context of {@code level} before {@link
   * ContextMemory#seenAndLearn} touches any, so their cache misses overlap: the lookups branch on
   * what they read, and the CPU would wait for each miss in turn.
   */
  private void warmBuckets(int level, int known) {
    int touched = recentNovelty.length;
    for (int length = 1; length <= known; length++) {
      touched ^= ContextMemory.peek(transitions, transition(history, length, level));
    }
    // stored so that the JIT keeps the reads above, which only warm the cache
    warmed = touched;
  }

  /** Hash of the transition from the last {@code length} levels of {@code context} to a level. */
  private static long transition(long context, int length, int level) {
    long key = context & ((1L << (6 * length)) - 1);
    return mix(key * 0x9E3779B97F4A7C15L + length * 0xC2B2AE3D27D4EB4FL + level);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }

  /** Samples scored so far. */
  public long samples() {
    return samples;
  }

  /** Lowest value seen before the last sample. */
  public double lowBefore() {
    return lowBefore;
  }

  /** Highest value seen before the last sample. */
  public double highBefore() {
    return highBefore;
  }

  /** Spatial score of the last sample, before warm-up and rest were applied. */
  public double lastSpatial() {
    return lastSpatial;
  }

  /** Shift score of the last sample, before warm-up and rest were applied. */
  public double lastShift() {
    return lastShift;
  }

  /** The smoothed level after the last sample. */
  public double smoothed() {
    return smooth;
  }

  /** Lowest smoothed level before the last sample. */
  public double smoothLowBefore() {
    return smoothLowBefore;
  }

  /** Highest smoothed level before the last sample. */
  public double smoothHighBefore() {
    return smoothHighBefore;
  }

  /** Contextual score of the last sample, before warm-up and rest were applied. */
  public double lastContextual() {
    return lastContextual;
  }

  /** Samples this series stays silent for after its last detection. */
  public int restingFor() {
    return resting;
  }

  /** Which signal gave the last score; NONE while warming up or resting. */
  public Signal lastSignal() {
    return SIGNALS[lastSignal];
  }

  /** The score {@link #score} returned last. */
  public double lastScore() {
    return lastScore;
  }

  /** Raw novelty of the last sample: share of its contexts that never saw its level next. */
  public double lastNovelty() {
    return lastNovelty;
  }

  /** Mean raw novelty over the short window. */
  public double lastRecentNovelty() {
    return lastRecentNovelty;
  }

  /** The usual (long-run) mean of the raw novelty. */
  public double usualNovelty() {
    return usualNovelty;
  }

  /** Transition slots held by this series: fixed at construction. */
  public int memorySlots() {
    return transitions.length;
  }

  /** Slots of the short novelty window: fixed at construction. */
  public int windowSlots() {
    return recentNovelty.length;
  }
}
