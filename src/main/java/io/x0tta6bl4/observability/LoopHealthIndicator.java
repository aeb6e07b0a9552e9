package io.x0tta6bl4.observability;

import io.x0tta6bl4.mapek.LoopState;
import io.x0tta6bl4.mapek.MapeKLoop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * UP while the loop is scheduled and its cycles keep coming; DOWN when it is stopped or has not
 * started a cycle for three intervals (a stalled phase). A paused loop is UP: pausing is an
 * operator's decision, not a fault.
 */
final class LoopHealthIndicator implements HealthIndicator {

  private final MapeKLoop loop;
  private final Clock clock;

  LoopHealthIndicator(MapeKLoop loop, Clock clock) {
    this.loop = loop;
    this.clock = clock;
  }

  @Override
  public Health health() {
    LoopState state = loop.state();
    Health.Builder health =
        Health.up()
            .withDetail("status", state.status())
            .withDetail("mode", state.mode().name())
            .withDetail("lastCycleId", state.lastCycleId());
    if ("stopped".equals(state.status())) {
      return health.down().build();
    }
    if ("running".equals(state.status()) && stalled(state)) {
      return health.down().withDetail("stalledSince", state.lastCycleAt().toString()).build();
    }
    return health.build();
  }

  private boolean stalled(LoopState state) {
    Instant last = state.lastCycleAt();
    Duration allowed = state.interval().multipliedBy(3).plusSeconds(5);
    return last != null && last.plus(allowed).isBefore(clock.instant());
  }
}
