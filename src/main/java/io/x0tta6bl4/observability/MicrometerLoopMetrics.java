package io.x0tta6bl4.observability;

import static io.x0tta6bl4.observability.MetricNames.*;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.IncidentEvent;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.LoopMetrics;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Phase;
import io.x0tta6bl4.mapek.SuppressedAction;
import io.x0tta6bl4.mapek.TargetStatus;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The loop's metrics in Micrometer. Series whose tag values are known at start (phases, configured
 * symptoms and action kinds, every outcome status) are registered at zero, so dashboards show 0
 * rather than "no data". Tag values are bounded: configured names and target ids, never messages.
 */
final class MicrometerLoopMetrics implements LoopMetrics {

  /**
   * Histogram buckets from 10 µs (a quiet self phase) to 10 s (a hung webhook): 13 buckets per
   * phase, where Micrometer's default percentile histogram would publish about 70.
   */
  private static final Duration[] PHASE_BUCKETS = {
    Duration.ofNanos(10_000),
    Duration.ofNanos(50_000),
    Duration.ofNanos(100_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Map<Phase, Timer> phaseTimers = new EnumMap<>(Phase.class);
  private final Counter cyclesOk;
  private final Counter cyclesFailed;
  private final Counter knowledgeFailures;
  private final Map<String, AtomicInteger> targetUp = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new HashMap<>();

  MicrometerLoopMetrics(
      MeterRegistry registry, Collection<String> symptoms, Collection<String> actionKinds) {
    this.registry = registry;
    for (Phase phase : Phase.values()) {
      phaseTimers.put(
          phase,
          Timer.builder(CYCLE_DURATION)
              .description("Duration of one phase of a MAPE-K cycle")
              .tag(PHASE, phase.id())
              .serviceLevelObjectives(PHASE_BUCKETS)
              .register(registry));
    }
    cyclesOk = cycles("ok");
    cyclesFailed = cycles("error");
    knowledgeFailures =
        Counter.builder(KNOWLEDGE_WRITE_FAILURES)
            .description("Cycles Knowledge could not record")
            .register(registry);
    symptoms.forEach(this::anomalyCounter);
    symptoms.forEach(this::escalationCounter);
    for (String kind : actionKinds) {
      for (OutcomeStatus status : OutcomeStatus.values()) {
        actionCounter(kind, status);
      }
    }
  }

  /** Registers {@code mapek_incidents_open}, read from {@code openProblems} at each scrape. */
  void openProblems(java.util.function.IntSupplier openProblems) {
    Gauge.builder(INCIDENTS_OPEN, openProblems::getAsInt)
        .description("Problems (target and symptom) detected and not yet cleared")
        .register(registry);
  }

  @Override
  public void phaseTimed(Phase phase, Duration took) {
    phaseTimers.get(phase).record(took);
  }

  @Override
  public void cycleCompleted(CycleReport report) {
    (report.errors().isEmpty() ? cyclesOk : cyclesFailed).increment();
    for (Anomaly anomaly : report.anomalies()) {
      anomalyCounter(anomaly.symptom()).increment();
    }
    Map<String, Action> byId = new HashMap<>();
    report.plan().actions().forEach(action -> byId.put(action.id(), action));
    for (Outcome outcome : report.outcomes()) {
      Action action = byId.get(outcome.actionId());
      if (action != null) {
        actionCounter(action.kind(), outcome.status()).increment();
      }
    }
    for (SuppressedAction suppressed : report.plan().suppressed()) {
      counter(
              SUPPRESSED,
              "Actions a guard stopped",
              ACTION,
              suppressed.action().kind(),
              GUARD,
              suppressed.guard())
          .increment();
    }
    for (IncidentEvent event : report.plan().incidents()) {
      if (event.state() == IncidentState.ESCALATED) {
        escalationCounter(event.symptom()).increment();
      }
    }
    for (TargetStatus target : report.snapshot().targets()) {
      targetGauge(target.target()).set(target.up() ? 1 : 0);
    }
  }

  @Override
  public void knowledgeWriteFailed() {
    knowledgeFailures.increment();
  }

  private Counter cycles(String result) {
    return Counter.builder(CYCLES)
        .description("MAPE-K cycles run, by whether every phase succeeded")
        .tag(RESULT, result)
        .register(registry);
  }

  private Counter anomalyCounter(String symptom) {
    return counter(
        ANOMALIES, "Anomalies reported, one per cycle while one persists", SYMPTOM, symptom);
  }

  private Counter escalationCounter(String symptom) {
    return counter(
        INCIDENTS_ESCALATED,
        "Incidents the planner gave up on and handed to a person",
        SYMPTOM,
        symptom);
  }

  private Counter actionCounter(String kind, OutcomeStatus status) {
    return counter(
        ACTIONS,
        "Actions the Executor handled, by outcome",
        ACTION,
        kind,
        STATUS,
        status.name().toLowerCase(Locale.ROOT));
  }

  private synchronized Counter counter(String name, String help, String... tags) {
    String key = name + String.join("\u0000", tags);
    return counters.computeIfAbsent(
        key, k -> Counter.builder(name).description(help).tags(tags).register(registry));
  }

  private AtomicInteger targetGauge(String target) {
    return targetUp.computeIfAbsent(
        target,
        id -> {
          AtomicInteger up = new AtomicInteger();
          Gauge.builder(TARGET_UP, up, AtomicInteger::get)
              .description("1 when the Monitor could observe the target in the last cycle")
              .tag(TARGET, id)
              .register(registry);
          return up;
        });
  }
}
