package io.x0tta6bl4.mapek;

import java.time.Instant;
import java.util.Objects;

/**
 * What every phase of one cycle may know about the cycle itself.
 *
 * @param cycleId monotonically increasing id of the cycle
 * @param startedAt when the cycle began
 * @param mode whether actions run for real in this cycle
 */
public record CycleContext(long cycleId, Instant startedAt, Mode mode) {

  public CycleContext {
    if (cycleId < 1) {
      throw new IllegalArgumentException("cycleId must be positive, but was " + cycleId);
    }
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(mode, "mode");
  }
}
