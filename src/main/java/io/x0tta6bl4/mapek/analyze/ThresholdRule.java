package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Severity;
import java.time.Duration;
import java.util.Locale;

/**
 * One alerting rule in the manner of a Prometheus alerting rule, with hysteresis. Invalid values
 * are rejected with a message that starts with the configuration key ({@code clear}, {@code for},
 * ...) and names the bad value.
 *
 * @param name unique name of the rule, quoted in the evidence
 * @param series exact series name the rule watches
 * @param target exact target id, or {@code *} for every target
 * @param op on which side of the threshold a value is a breach
 * @param threshold the value must be strictly beyond it to start the condition
 * @param forDuration how long the breach must hold continuously (measured with the snapshots'
 *     {@code takenAt}) before the rule fires; zero fires on the first breaching sample
 * @param clear a firing rule resolves only once the value is back at or beyond this level (above:
 *     value &le; clear; below: value &ge; clear); equals the threshold when there is no hysteresis
 * @param symptom symptom of the anomaly it reports
 * @param severity severity of the anomaly it reports
 */
public record ThresholdRule(
    String name,
    String series,
    String target,
    Op op,
    double threshold,
    Duration forDuration,
    double clear,
    String symptom,
    Severity severity) {

  /** Target value that matches every target. */
  public static final String ANY_TARGET = "*";

  /** On which side of the threshold a value is a breach. */
  public enum Op {
    ABOVE,
    BELOW
  }

  public ThresholdRule {
    requireText("name", name);
    requireText("series", series);
    requireText("target", target);
    requireText("symptom", symptom);
    if (op == null) {
      throw new IllegalArgumentException("op must be above or below, but was null");
    }
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException(
          "threshold must be a finite number, but was " + Format.number(threshold));
    }
    if (forDuration == null || forDuration.isNegative()) {
      throw new IllegalArgumentException("for must be zero or positive, but was " + forDuration);
    }
    requireClearOnTheRightSide(op, threshold, clear);
    if (severity == null) {
      throw new IllegalArgumentException("severity must be set, but was null");
    }
  }

  /** Whether the rule watches this target. */
  boolean appliesTo(String targetId) {
    return ANY_TARGET.equals(target) || target.equals(targetId);
  }

  /** Whether the value starts (or keeps pending) the condition. */
  boolean breaches(double value) {
    return op == Op.ABOVE ? value > threshold : value < threshold;
  }

  /** Whether a firing rule resolves at this value. */
  boolean clears(double value) {
    return op == Op.ABOVE ? value <= clear : value >= clear;
  }

  /**
   * How far the value is past the threshold, relative to the threshold: {@code (value - threshold)
   * / |threshold|} for {@code above}, {@code (threshold - value) / |threshold|} for {@code below},
   * clipped to [0, 1]. So 10% past a threshold scores 0.1, twice the threshold (or more) scores 1,
   * and a value held only by the hysteresis band scores 0. A threshold of 0 has no scale: any
   * breach scores 1.
   */
  double score(double value) {
    double excess = op == Op.ABOVE ? value - threshold : threshold - value;
    if (!(excess > 0)) {
      return 0;
    }
    return threshold == 0 ? 1 : Math.min(1, excess / Math.abs(threshold));
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " must not be blank, but was '" + value + "'");
    }
  }

  private static void requireClearOnTheRightSide(Op op, double threshold, double clear) {
    boolean valid = op == Op.ABOVE ? clear <= threshold : clear >= threshold;
    if (!Double.isFinite(clear) || !valid) {
      String side = op == Op.ABOVE ? "at or below" : "at or above";
      throw new IllegalArgumentException(
          "clear must be a number "
              + side
              + " the threshold "
              + Format.number(threshold)
              + " of a rule that fires "
              + op.name().toLowerCase(Locale.ROOT)
              + " it, but was "
              + Format.number(clear));
    }
  }
}
