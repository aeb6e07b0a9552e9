package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.TargetStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Symptom {@code target_down}: a target the Monitor could not observe (connection refused, timeout,
 * garbage, a failed probe) for {@code failures} consecutive cycles. One failed scrape is never an
 * anomaly. A firing target clears after {@code recoveries} consecutive successful cycles, so a
 * flapping target is not declared healthy by one lucky probe. A target that disappears from the
 * snapshot (deleted) is forgotten.
 */
public final class TargetDownDetector implements Detector {

  public static final String SYMPTOM = "target_down";

  private final int failures;
  private final int recoveries;
  private final Map<String, Streak> streaks = new HashMap<>();

  public TargetDownDetector(int failures, int recoveries) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be at least 1, but was " + failures);
    }
    if (recoveries < 1) {
      throw new IllegalArgumentException("recoveries must be at least 1, but was " + recoveries);
    }
    this.failures = failures;
    this.recoveries = recoveries;
  }

  /** Consecutive downs or ups of one target, and whether it is firing. */
  private static final class Streak {
    int downs;
    int ups;
    boolean firing;
    Instant since;
    String reason = "";
  }

  @Override
  public List<Anomaly> detect(Snapshot snapshot) {
    List<Anomaly> anomalies = null;
    Set<String> seen = new HashSet<>();
    for (TargetStatus status : snapshot.targets()) {
      seen.add(status.target());
      Streak streak = streaks.computeIfAbsent(status.target(), id -> new Streak());
      if (observe(streak, status, snapshot.takenAt())) {
        if (anomalies == null) {
          anomalies = new ArrayList<>();
        }
        anomalies.add(anomaly(status.target(), streak));
      }
    }
    streaks.keySet().retainAll(seen);
    return anomalies == null ? Collections.emptyList() : anomalies;
  }

  /** Updates the streak; answers whether the target is down as an anomaly after this cycle. */
  private boolean observe(Streak streak, TargetStatus status, Instant at) {
    if (!status.up()) {
      if (streak.downs == 0 && !streak.firing) {
        streak.since = at;
      }
      streak.downs++;
      streak.ups = 0;
      streak.reason = status.reason();
      streak.firing |= streak.downs >= failures;
      return streak.firing;
    }
    streak.downs = 0;
    if (streak.firing && ++streak.ups < recoveries) {
      return true;
    }
    streak.firing = false;
    streak.ups = 0;
    return false;
  }

  private Anomaly anomaly(String target, Streak streak) {
    int recent = Math.min(streak.downs, 10);
    String reason =
        streak.downs > 0
            ? "down for %d consecutive cycles: %s".formatted(streak.downs, streak.reason)
            : "up for %d of the %d cycles needed to recover; last failure: %s"
                .formatted(streak.ups, recoveries, streak.reason);
    Evidence evidence =
        new Evidence(
            "target-down",
            "up",
            streak.downs > 0 ? 0 : 1,
            1,
            1,
            streak.since,
            Collections.nCopies(recent, 0.0),
            reason);
    return new Anomaly(target, SYMPTOM, Severity.CRITICAL, 1.0, evidence);
  }
}
