package io.x0tta6bl4.mapek;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run through the phases, collecting timings and errors as it goes. A phase that throws is
 * recorded and the later phases are skipped: planning on a partial picture could mistake "no data"
 * for "recovered" and undo a remedy.
 */
final class Cycle {

  private static final Logger log = LoggerFactory.getLogger(Cycle.class);

  private final MapeKLoop.Phases phases;
  private final LoopMetrics metrics;
  private final Tracing tracing;
  private final LongSupplier nanoTime;
  private final CycleContext context;
  private final Map<Phase, Duration> timings = new EnumMap<>(Phase.class);
  private final List<PhaseError> errors = new ArrayList<>(0);

  Cycle(
      MapeKLoop.Phases phases,
      LoopMetrics metrics,
      Tracing tracing,
      LongSupplier nanoTime,
      CycleContext context) {
    this.phases = phases;
    this.metrics = metrics;
    this.tracing = tracing;
    this.nanoTime = nanoTime;
    this.context = context;
  }

  CycleReport run() {
    long id = context.cycleId();
    Snapshot snapshot =
        phase(
            Phase.MONITOR,
            () -> phases.monitor().collect(context),
            Snapshot.empty(id, context.startedAt()),
            Cycle::describeSnapshot);
    List<Anomaly> anomalies =
        phase(
            Phase.ANALYZE,
            () -> phases.analyzer().analyze(snapshot),
            List.of(),
            (span, found) -> span.set(TraceNames.ANOMALIES, found.size()));
    Plan plan =
        phase(
            Phase.PLAN,
            () -> phases.planner().plan(context, anomalies),
            Plan.empty(id, context.mode()),
            Cycle::describePlan);
    List<Outcome> outcomes =
        phase(
            Phase.EXECUTE,
            () -> phases.executor().execute(context, plan),
            List.of(),
            Cycle::describeOutcomes);
    return new CycleReport(context, timings, snapshot, anomalies, plan, outcomes, errors);
  }

  private <T> T phase(
      Phase phase, Supplier<T> body, T fallback, BiConsumer<TraceSpan, T> describe) {
    if (!errors.isEmpty()) {
      return fallback;
    }
    long began = nanoTime.getAsLong();
    try (TraceSpan span = tracing.child(TraceNames.phase(phase), Tracing.SpanKind.INTERNAL)) {
      span.set(TraceNames.CYCLE_ID, context.cycleId());
      try {
        T result = body.get();
        describe.accept(span, result);
        return result;
      } catch (RuntimeException e) {
        span.failed(e);
        throw e;
      }
    } catch (RuntimeException e) {
      errors.add(PhaseError.of(phase, e));
      log.warn(
          "phase {} failed in cycle {}; later phases skipped", phase.id(), context.cycleId(), e);
      return fallback;
    } finally {
      Duration took = Duration.ofNanos(nanoTime.getAsLong() - began);
      timings.put(phase, took);
      metrics.phaseTimed(phase, took);
    }
  }

  /** Counts a trace viewer shows on the phase spans and the cycle span. */
  static void describeSnapshot(TraceSpan span, Snapshot snapshot) {
    span.set(TraceNames.OBSERVATIONS, snapshot.observations().size())
        .set(TraceNames.TARGETS, snapshot.targets().size())
        .set(TraceNames.TARGETS_DOWN, snapshot.targetsDown());
  }

  static void describePlan(TraceSpan span, Plan plan) {
    span.set(TraceNames.ACTIONS, plan.actions().size())
        .set(TraceNames.ACTIONS_SUPPRESSED, plan.suppressed().size());
  }

  static void describeOutcomes(TraceSpan span, List<Outcome> outcomes) {
    span.set(TraceNames.ACTIONS, outcomes.size()).set(TraceNames.ACTIONS_FAILED, failed(outcomes));
  }

  static long failed(List<Outcome> outcomes) {
    return outcomes.stream().filter(o -> o.status() == OutcomeStatus.FAILED).count();
  }
}
