package io.x0tta6bl4.mapek;

import java.util.Objects;

/**
 * A symptom of one target that a detector confirmed (it held for the detector's {@code for}
 * duration, so a single spike is never an anomaly).
 *
 * @param target target id
 * @param symptom symptom name that policies match on ({@code memory_pressure}, {@code saturation},
 *     {@code anomaly}, ...)
 * @param severity how urgent it is
 * @param score strength of the deviation, 0 (none) to 1 (extreme)
 * @param evidence what the detector saw
 */
public record Anomaly(
    String target, String symptom, Severity severity, double score, Evidence evidence) {

  public Anomaly {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(symptom, "symptom");
    Objects.requireNonNull(severity, "severity");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be between 0 and 1, but was " + score);
    }
    Objects.requireNonNull(evidence, "evidence");
  }

  /** The (target, symptom) pair that identifies an ongoing problem across cycles. */
  public String problemKey() {
    return problemKey(target, symptom);
  }

  /** The key of the problem of {@code target} with {@code symptom}. */
  public static String problemKey(String target, String symptom) {
    return target + "/" + symptom;
  }
}
