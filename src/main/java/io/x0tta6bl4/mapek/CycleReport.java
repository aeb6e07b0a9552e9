package io.x0tta6bl4.mapek;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one cycle saw, decided and did; what Knowledge stores.
 *
 * @param context id, start and mode of the cycle
 * @param timings how long each phase that ran took (MONITOR to EXECUTE; the Knowledge write is
 *     timed separately because it happens after the report exists)
 * @param snapshot what the Monitor saw
 * @param anomalies what the Analyzer found
 * @param plan what the Planner decided
 * @param outcomes what the Executor did, one per planned action
 * @param errors phases that failed in this cycle
 */
public record CycleReport(
    CycleContext context,
    Map<Phase, Duration> timings,
    Snapshot snapshot,
    List<Anomaly> anomalies,
    Plan plan,
    List<Outcome> outcomes,
    List<PhaseError> errors) {

  public CycleReport {
    Objects.requireNonNull(context, "context");
    timings = timings.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(timings));
    Objects.requireNonNull(snapshot, "snapshot");
    anomalies = List.copyOf(anomalies);
    Objects.requireNonNull(plan, "plan");
    outcomes = List.copyOf(outcomes);
    errors = List.copyOf(errors);
  }

  public long id() {
    return context.cycleId();
  }

  /** Sum of the phase timings. */
  public Duration total() {
    return timings.values().stream().reduce(Duration.ZERO, Duration::plus);
  }
}
