package io.x0tta6bl4.api;

import io.x0tta6bl4.mapek.LoopState;
import io.x0tta6bl4.mapek.Mode;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The loop as {@code GET /api/v1/loop} shows it.
 *
 * @param status {@code running}, {@code paused} or {@code stopped}
 * @param mode {@code active} or {@code dry-run}
 * @param interval time between cycle starts, ISO-8601 (e.g. {@code PT5S})
 * @param intervalSeconds the same interval in seconds
 * @param cyclesRun cycles this process has run
 * @param lastCycleId id of the newest cycle, 0 when none ran yet
 * @param lastCycleAt start of the newest cycle (UTC), null when none ran yet
 * @param nextCycleAt start of the next scheduled cycle (UTC), null when paused or stopped
 */
public record LoopView(
    String status,
    String mode,
    Duration interval,
    double intervalSeconds,
    long cyclesRun,
    long lastCycleId,
    Instant lastCycleAt,
    Instant nextCycleAt) {

  static LoopView of(LoopState state) {
    return new LoopView(
        state.status(),
        modeName(state.mode()),
        state.interval(),
        state.interval().toNanos() / 1e9,
        state.cyclesRun(),
        state.lastCycleId(),
        state.lastCycleAt(),
        state.nextCycleAt());
  }

  /** {@code ACTIVE} → {@code active}, {@code DRY_RUN} → {@code dry-run}. */
  static String modeName(Mode mode) {
    return mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
