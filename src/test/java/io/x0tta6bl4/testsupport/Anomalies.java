package io.x0tta6bl4.testsupport;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Severity;
import java.time.Instant;
import java.util.List;

/** Builds anomalies for tests of the phases after the Analyzer. */
public final class Anomalies {

  private Anomalies() {}

  public static Anomaly anomaly(String target, String symptom, Severity severity, double score) {
    Evidence evidence =
        new Evidence(
            "threshold",
            "jvm_heap_used_ratio",
            0.95,
            0.9,
            0.9,
            Instant.parse("2026-01-01T00:00:00Z"),
            List.of(0.93, 0.95),
            "jvm_heap_used_ratio=0.95 above 0.9 for 30s (rule heap-high)");
    return new Anomaly(target, symptom, severity, score, evidence);
  }

  public static Anomaly anomaly(String target, String symptom) {
    return anomaly(target, symptom, Severity.WARNING, 0.5);
  }
}
