package io.x0tta6bl4.mapek;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The loop as an operator sees it.
 *
 * @param status {@code running} (cycles are scheduled), {@code paused}, or {@code stopped} (the
 *     application is not started or is shutting down)
 * @param mode whether actions run for real
 * @param interval time between cycle starts
 * @param cyclesRun cycles this process has run
 * @param lastCycleId id of the newest cycle, 0 when none ran yet
 * @param lastCycleAt start of the newest cycle, null when none ran yet
 * @param nextCycleAt when the next scheduled cycle starts, null when paused or stopped
 */
public record LoopState(
    String status,
    Mode mode,
    Duration interval,
    long cyclesRun,
    long lastCycleId,
    Instant lastCycleAt,
    Instant nextCycleAt) {

  public LoopState {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(interval, "interval");
  }
}
