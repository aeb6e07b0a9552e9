package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.SeriesKey;
import io.x0tta6bl4.mapek.Severity;
import java.time.Instant;

/**
 * The learned baseline of one series and its current episode. Only samples inside the band are
 * learned, and only while no episode is open, so a fault that persists is never absorbed into the
 * baseline and is detected again, just as fast, when it comes back.
 */
final class AdaptiveSeries extends SeriesTable.Tracked {

  private final SeriesKey key;
  private double mean;
  private double variance;
  private long learned;
  private ConditionState state = ConditionState.INACTIVE;
  private int outOfBand;
  private int backInBand;
  private double side;
  private Instant since;
  private RecentValues recent;
  private double lastValue;
  private double lastZ;
  private Instant lastAt;

  AdaptiveSeries(SeriesKey key) {
    this.key = key;
  }

  /** Judges one finite sample against the baseline, then learns it if it was normal. */
  void observe(double value, Instant takenAt, AdaptiveSettings settings) {
    lastValue = value;
    lastAt = takenAt;
    if (learned < settings.warmupSamples()) {
      learn(value, settings.alpha());
      return;
    }
    lastZ = (value - mean) / sigma(settings);
    boolean outside = Math.abs(lastZ) >= settings.zThreshold();
    switch (state) {
      case INACTIVE -> whileNormal(outside, value, takenAt, settings);
      case PENDING -> whilePending(outside, value, settings);
      case FIRING -> whileFiring(outside, value, settings);
    }
  }

  private void whileNormal(
      boolean outside, double value, Instant takenAt, AdaptiveSettings settings) {
    if (outside) {
      open(takenAt);
      countOutside(value, settings);
    } else {
      learn(value, settings.alpha());
    }
  }

  private void whilePending(boolean outside, double value, AdaptiveSettings settings) {
    if (outside) {
      countOutside(value, settings);
    } else {
      // the run of out-of-band samples broke before forSamples: it was a spike, not a fault
      state = state.moveTo(ConditionState.INACTIVE);
      learn(value, settings.alpha());
    }
  }

  /** Nothing is learned while firing, not even samples back in the band, until it resolves. */
  private void whileFiring(boolean outside, double value, AdaptiveSettings settings) {
    recent.add(value);
    if (outside) {
      outOfBand++;
      backInBand = 0;
      side = Math.signum(lastZ);
    } else if (++backInBand >= settings.clearSamples()) {
      state = state.moveTo(ConditionState.INACTIVE);
    }
  }

  SeriesKey key() {
    return key;
  }

  boolean isFiring() {
    return state == ConditionState.FIRING;
  }

  Baseline baseline(AdaptiveSettings settings) {
    return new Baseline(
        mean,
        sigma(settings),
        learned,
        learned >= settings.warmupSamples(),
        state == ConditionState.FIRING);
  }

  /**
   * The anomaly of this firing series. Score: {@code 1 - k / |z|} clipped to [0, 1], with k the
   * z-threshold and z the latest sample's deviation in standard deviations: 0 at the band's edge,
   * 0.5 at twice its distance, towards 1 for extreme values.
   */
  Anomaly anomaly(AdaptiveSettings settings, boolean fresh) {
    double sigma = sigma(settings);
    double k = settings.zThreshold();
    double bound = mean + side * k * sigma;
    double score = lastZ == 0 ? 0 : Math.max(0, Math.min(1, 1 - k / Math.abs(lastZ)));
    Evidence evidence =
        new Evidence(
            "adaptive",
            key.toString(),
            lastValue,
            mean,
            bound,
            since,
            recent.toList(),
            reason(sigma, settings, fresh));
    return new Anomaly(key.target(), "anomaly", Severity.WARNING, score, evidence);
  }

  private String reason(double sigma, AdaptiveSettings settings, boolean fresh) {
    StringBuilder out =
        new StringBuilder()
            .append(key)
            .append('=')
            .append(Format.number(lastValue))
            .append(" is ")
            .append(Format.oneDecimal(Math.abs(lastZ)))
            .append("σ ")
            .append(lastZ >= 0 ? "above" : "below")
            .append(" its baseline ")
            .append(Format.number(mean))
            .append(" (σ ")
            .append(Format.number(sigma))
            .append(") for ")
            .append(outOfBand)
            .append(outOfBand == 1 ? " sample" : " samples");
    if (backInBand > 0) {
      out.append("; back in band for ")
          .append(backInBand)
          .append(" of ")
          .append(settings.clearSamples())
          .append(" samples needed to clear");
    }
    if (!fresh) {
      out.append("; no sample since ").append(lastAt);
    }
    return out.toString();
  }

  private void open(Instant takenAt) {
    state = state.moveTo(ConditionState.PENDING);
    since = takenAt;
    outOfBand = 0;
    backInBand = 0;
    if (recent == null) {
      recent = new RecentValues();
    }
    recent.clear();
  }

  private void countOutside(double value, AdaptiveSettings settings) {
    recent.add(value);
    outOfBand++;
    side = Math.signum(lastZ);
    if (outOfBand >= settings.forSamples()) {
      state = state.moveTo(ConditionState.FIRING);
    }
  }

  /**
   * EWMA mean and variance (West's incremental form). The weight is at least 1/n, so the first
   * samples give the plain mean and variance instead of leaning on the very first value.
   */
  private void learn(double value, double alpha) {
    learned++;
    double weight = Math.max(alpha, 1.0 / learned);
    double diff = value - mean;
    double increment = weight * diff;
    mean += increment;
    variance = (1 - weight) * (variance + diff * increment);
  }

  private double sigma(AdaptiveSettings settings) {
    return Math.max(
        Math.sqrt(variance),
        Math.max(settings.minStddev(), settings.minRelativeStddev() * Math.abs(mean)));
  }
}
