package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds snapshots at explicit instants: cycle n is taken at {@code T0 + n * 10s}. */
final class Samples {

  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final long INTERVAL_SECONDS = 10;

  private Samples() {}

  static Instant at(long cycle) {
    return T0.plusSeconds(cycle * INTERVAL_SECONDS);
  }

  static Snapshot snapshot(long cycle, Observation... observations) {
    return new Snapshot(cycle, at(cycle), List.of(observations), List.of());
  }

  static Observation obs(String target, String series, double value) {
    return new Observation(target, series, value);
  }

  static Observation obs(String target, String series, Map<String, String> labels, double value) {
    return new Observation(target, series, labels, value);
  }
}
