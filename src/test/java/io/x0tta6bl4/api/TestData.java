package io.x0tta6bl4.api;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.LoopState;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Phase;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small, fixed domain values for the API tests. */
final class TestData {

  static final Instant T0 = Instant.parse("2026-11-24T10:15:30Z");

  private TestData() {}

  static LoopState running() {
    return new LoopState(
        "running", Mode.ACTIVE, Duration.ofSeconds(5), 3, 42, T0, T0.plusSeconds(5));
  }

  static LoopState state(String status, Mode mode, Duration interval) {
    return new LoopState(status, mode, interval, 3, 42, T0, null);
  }

  static Anomaly anomaly() {
    Evidence evidence =
        new Evidence(
            "threshold",
            "process_memory_ratio",
            0.93,
            0.85,
            0.85,
            T0.minusSeconds(30),
            List.of(0.9, 0.93),
            "process_memory_ratio 0.93 > 0.85 for 30s");
    return new Anomaly("self", "memory_pressure", Severity.WARNING, 0.6, evidence);
  }

  static Action action() {
    return new Action(
        "43-1",
        "gc",
        "self",
        Map.of(),
        "memory-pressure",
        0,
        "memory_pressure",
        "memory above 85% for 30s");
  }

  static Outcome outcome() {
    return new Outcome(
        "43-1", OutcomeStatus.SUCCEEDED, T0.plusMillis(3), Duration.ofMillis(12), 1, "gc ran");
  }

  static CycleReport report(long id) {
    Snapshot snapshot =
        new Snapshot(
            id,
            T0,
            List.of(new Observation("self", "process_memory_ratio", 0.93)),
            List.of(new TargetStatus("self", true, "", Duration.ofMillis(4))));
    return new CycleReport(
        new CycleContext(id, T0, Mode.ACTIVE),
        Map.of(Phase.MONITOR, Duration.ofMillis(4), Phase.EXECUTE, Duration.ofMillis(12)),
        snapshot,
        List.of(anomaly()),
        new Plan(id, Mode.ACTIVE, List.of(action()), List.of()),
        List.of(outcome()),
        List.of());
  }

  static Knowledge.ActionRecord actionRecord() {
    return new Knowledge.ActionRecord(43, T0, action(), outcome());
  }
}
