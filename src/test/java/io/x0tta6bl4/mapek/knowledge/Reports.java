package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Phase;
import io.x0tta6bl4.mapek.PhaseError;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.SuppressedAction;
import io.x0tta6bl4.mapek.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Cycle reports for the Knowledge tests. */
final class Reports {

  /** Microsecond precision, so that it reads back unchanged. */
  static final Instant T0 = Instant.parse("2026-01-05T10:00:00.123456Z");

  private Reports() {}

  static Instant startOf(long cycle) {
    return T0.plusSeconds(5 * (cycle - 1));
  }

  /** A cycle with nothing in it. */
  static CycleReport empty(long cycle) {
    return empty(cycle, startOf(cycle));
  }

  static CycleReport empty(long cycle, Instant startedAt) {
    return new CycleReport(
        new CycleContext(cycle, startedAt, Mode.ACTIVE),
        Map.of(),
        Snapshot.empty(cycle, startedAt),
        List.of(),
        Plan.empty(cycle, Mode.ACTIVE),
        List.of(),
        List.of());
  }

  /**
   * A cycle with some of everything: two targets (one down), two anomalies, two actions (one
   * SUCCEEDED, one FAILED after three attempts), one suppressed action and one phase error.
   */
  static CycleReport full(long cycle) {
    Instant start = startOf(cycle);
    Action gc = action(cycle, 1, "gc", "self", Map.of(), "memory_pressure");
    Action hook =
        action(
            cycle,
            2,
            "webhook",
            "self",
            Map.of("url", "http://127.0.0.1:9/hook", "body", "{\"a\":\"ü\"}"),
            "memory_pressure");
    SuppressedAction suppressed =
        new SuppressedAction(
            new Action(
                cycle + "-3",
                "readiness",
                "db",
                Map.of("state", "down"),
                "db-saturation",
                -1,
                "saturation",
                "db saturated, recovery step"),
            "cooldown",
            "last readiness action 30 s ago, cooldown is 300 s");
    return new CycleReport(
        new CycleContext(cycle, start, Mode.ACTIVE),
        Map.of(
            Phase.MONITOR, Duration.ofMillis(12),
            Phase.ANALYZE, Duration.ofNanos(345_678),
            Phase.PLAN, Duration.ofMillis(1),
            Phase.EXECUTE, Duration.ofMillis(250)),
        new Snapshot(
            cycle,
            start.plusNanos(1_000),
            List.of(
                new Observation("self", "jvm_memory_used_ratio", Map.of("area", "heap"), 0.97),
                new Observation("self", "process_cpu_usage_ratio", 0.2),
                new Observation("db", "pg_connections_used_ratio", Double.NaN)),
            List.of(
                new TargetStatus("self", true, "", Duration.ofMillis(3)),
                new TargetStatus("db", false, "connection refused", Duration.ofSeconds(2)))),
        List.of(memoryPressure(start), saturation(start)),
        new Plan(cycle, Mode.ACTIVE, List.of(gc, hook), List.of(suppressed)),
        List.of(
            new Outcome(
                gc.id(),
                OutcomeStatus.SUCCEEDED,
                start.plusMillis(20),
                Duration.ofMillis(15),
                1,
                "ok"),
            new Outcome(
                hook.id(),
                OutcomeStatus.FAILED,
                start.plusMillis(40),
                Duration.ofMillis(1234),
                3,
                "HTTP 500 three times")),
        List.of(new PhaseError(Phase.MONITOR, "java.net.ConnectException", "db: refused")));
  }

  static Anomaly memoryPressure(Instant start) {
    return new Anomaly(
        "self",
        "memory_pressure",
        Severity.CRITICAL,
        0.9,
        new Evidence(
            "threshold",
            "jvm_memory_used_ratio{area=\"heap\"}",
            0.97,
            0.9,
            0.9,
            start.minusSeconds(30),
            List.of(0.95, 0.96, 0.97),
            "heap above 90% for 30 s"));
  }

  static Anomaly saturation(Instant start) {
    return new Anomaly(
        "db",
        "saturation",
        Severity.WARNING,
        0.4,
        new Evidence(
            "adaptive",
            "pg_connections_used_ratio",
            0.85,
            0.5,
            0.8,
            start.minusSeconds(10),
            List.of(0.81, Double.NaN, Double.POSITIVE_INFINITY, 0.85),
            "above baseline + 3 sd for 10 s"));
  }

  static Action action(
      long cycle, int n, String kind, String target, Map<String, String> params, String symptom) {
    return new Action(
        cycle + "-" + n, kind, target, params, "policy-" + symptom, n - 1, symptom, kind + " now");
  }

  /** A cycle whose only action, of {@code kind} for {@code symptom}, ended with {@code status}. */
  static CycleReport withOutcome(long cycle, String symptom, String kind, OutcomeStatus status) {
    Instant start = startOf(cycle);
    Action action = action(cycle, 1, kind, "self", Map.of(), symptom);
    int attempts = status == OutcomeStatus.SUCCEEDED || status == OutcomeStatus.FAILED ? 1 : 0;
    CycleReport base = empty(cycle, start);
    return new CycleReport(
        base.context(),
        Map.of(Phase.EXECUTE, Duration.ofMillis(cycle)),
        base.snapshot(),
        List.of(),
        new Plan(cycle, Mode.ACTIVE, List.of(action), List.of()),
        List.of(new Outcome(action.id(), status, start, Duration.ZERO, attempts, status.name())),
        List.of());
  }
}
