package io.x0tta6bl4.mapek;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the Monitor saw in one cycle: every observation and the status of every target.
 *
 * @param cycleId the cycle that took it
 * @param takenAt when collection started
 */
public record Snapshot(
    long cycleId, Instant takenAt, List<Observation> observations, List<TargetStatus> targets) {

  public Snapshot {
    Objects.requireNonNull(takenAt, "takenAt");
    observations = List.copyOf(observations);
    targets = List.copyOf(targets);
  }

  /** Targets the Monitor could not observe in this cycle. */
  public int targetsDown() {
    int down = 0;
    for (TargetStatus target : targets) {
      down += target.up() ? 0 : 1;
    }
    return down;
  }

  public static Snapshot empty(long cycleId, Instant takenAt) {
    return new Snapshot(cycleId, takenAt, List.of(), List.of());
  }
}
