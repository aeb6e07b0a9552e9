package io.x0tta6bl4.mapek;

import static io.x0tta6bl4.testsupport.Anomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.x0tta6bl4.testsupport.InMemoryKnowledge;
import io.x0tta6bl4.testsupport.MutableClock;
import io.x0tta6bl4.testsupport.RecordingTracing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MapeKLoopTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final AtomicLong nanos = new AtomicLong();
  private final InMemoryKnowledge knowledge = new InMemoryKnowledge(41);
  private final List<String> calls = new ArrayList<>();
  private RuntimeException analyzerFailure;
  private MapeKLoop loop;

  private final Monitor monitor =
      cycle -> {
        calls.add("monitor");
        nanos.addAndGet(1_000);
        return new Snapshot(
            cycle.cycleId(),
            cycle.startedAt(),
            List.of(new Observation("self", "jvm_heap_used_ratio", 0.95)),
            List.of(new TargetStatus("self", true, "", Duration.ZERO)));
      };
  private final Analyzer analyzer =
      snapshot -> {
        calls.add("analyze");
        if (analyzerFailure != null) {
          throw analyzerFailure;
        }
        return List.of(anomaly("self", "memory_pressure"));
      };
  private final Planner planner =
      (cycle, anomalies) -> {
        calls.add("plan");
        Action gc =
            new Action(
                cycle.cycleId() + "-1", "gc", "self", Map.of(), "p", 0, "memory_pressure", "r");
        return new Plan(cycle.cycleId(), cycle.mode(), List.of(gc), List.of());
      };
  private final Executor executor =
      (cycle, plan) -> {
        calls.add("execute");
        return plan.actions().stream()
            .map(
                a ->
                    new Outcome(
                        a.id(), OutcomeStatus.SUCCEEDED, cycle.startedAt(), Duration.ZERO, 1, "ok"))
            .toList();
      };

  private MapeKLoop loop(Duration interval, Monitor m) {
    loop =
        new MapeKLoop(
            new MapeKLoop.Phases(m, analyzer, planner, executor, knowledge),
            LoopMetrics.NONE,
            clock,
            nanos::get,
            new MapeKLoop.Settings(interval, Mode.ACTIVE, true));
    return loop;
  }

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.close();
    }
  }

  @Test
  void aCycleChainsThePhasesInOrderAndIsRecordedInKnowledge() {
    CycleReport report = loop(Duration.ofSeconds(5), monitor).runOnce();

    assertThat(calls).containsExactly("monitor", "analyze", "plan", "execute");
    assertThat(report.snapshot().observations()).hasSize(1);
    assertThat(report.anomalies()).hasSize(1);
    assertThat(report.plan().actions()).hasSize(1);
    assertThat(report.outcomes())
        .extracting(Outcome::status)
        .containsExactly(OutcomeStatus.SUCCEEDED);
    assertThat(report.timings())
        .containsOnlyKeys(Phase.MONITOR, Phase.ANALYZE, Phase.PLAN, Phase.EXECUTE);
    assertThat(report.timings().get(Phase.MONITOR)).isEqualTo(Duration.ofNanos(1_000));
    assertThat(report.errors()).isEmpty();
    assertThat(knowledge.recorded).containsExactly(report);
    assertThat(loop.lastReport()).contains(report);
  }

  @Test
  void cycleIdsContinueFromKnowledgeAfterStart() {
    loop(Duration.ofSeconds(5), monitor).start();

    assertThat(loop.runOnce().id()).isEqualTo(42);
    assertThat(loop.runOnce().id()).isEqualTo(43);
    assertThat(loop.state().lastCycleId()).isEqualTo(43);
    assertThat(loop.state().cyclesRun()).isEqualTo(2);
  }

  @Test
  void aFailingPhaseIsRecordedOnItsCycleLaterPhasesAreSkippedAndTheNextCycleRuns() {
    loop(Duration.ofSeconds(5), monitor);
    analyzerFailure = new IllegalStateException("detector exploded");

    CycleReport failed = loop.runOnce();
    analyzerFailure = null;
    calls.clear();
    CycleReport next = loop.runOnce();

    assertThat(failed.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.phase()).isEqualTo(Phase.ANALYZE);
              assertThat(error.error()).isEqualTo("java.lang.IllegalStateException");
              assertThat(error.message()).isEqualTo("detector exploded");
            });
    assertThat(failed.plan().actions()).isEmpty();
    assertThat(failed.outcomes()).isEmpty();
    assertThat(failed.timings()).containsOnlyKeys(Phase.MONITOR, Phase.ANALYZE);
    assertThat(knowledge.recorded).contains(failed);
    assertThat(next.errors()).isEmpty();
    assertThat(calls).containsExactly("monitor", "analyze", "plan", "execute");
  }

  @Test
  void eachCycleIsARootSpanWithItsPhasesAsChildrenCarryingTheCounts() {
    RecordingTracing tracing = new RecordingTracing();
    loop = tracedLoop(tracing);

    CycleReport report = loop.runOnce();

    assertThat(tracing.spans())
        .extracting(RecordingTracing.Recorded::name, RecordingTracing.Recorded::parent)
        .containsExactly(
            tuple("mapek.cycle", ""),
            tuple("mapek.monitor", "mapek.cycle"),
            tuple("mapek.analyze", "mapek.cycle"),
            tuple("mapek.plan", "mapek.cycle"),
            tuple("mapek.execute", "mapek.cycle"),
            tuple("mapek.knowledge", "mapek.cycle"));
    assertThat(tracing.find("mapek.cycle").orElseThrow().attributes())
        .containsEntry(TraceNames.CYCLE_ID, report.id())
        .containsEntry(TraceNames.OBSERVATIONS, 1L)
        .containsEntry(TraceNames.TARGETS_DOWN, 0L)
        .containsEntry(TraceNames.ANOMALIES, 1L)
        .containsEntry(TraceNames.ACTIONS, 1L)
        .containsEntry(TraceNames.ACTIONS_FAILED, 0L)
        .containsEntry(TraceNames.PHASE_ERRORS, 0L);
    assertThat(tracing.find("mapek.analyze").orElseThrow().attributes())
        .containsEntry(TraceNames.CYCLE_ID, report.id())
        .containsEntry(TraceNames.ANOMALIES, 1L);
    assertThat(tracing.spans()).allSatisfy(span -> assertThat(span.failure()).isNull());
  }

  @Test
  void aFailingPhaseMarksItsSpanAndTheCycleSpanFailedAndLaterPhasesHaveNoSpan() {
    RecordingTracing tracing = new RecordingTracing();
    loop = tracedLoop(tracing);
    analyzerFailure = new IllegalStateException("detector broke");

    loop.runOnce();

    assertThat(tracing.spans())
        .extracting(RecordingTracing.Recorded::name)
        .containsExactly("mapek.cycle", "mapek.monitor", "mapek.analyze", "mapek.knowledge");
    assertThat(tracing.find("mapek.analyze").orElseThrow().failure())
        .isEqualTo("IllegalStateException: detector broke");
    assertThat(tracing.find("mapek.cycle").orElseThrow().failure())
        .isEqualTo("phase analyze failed");
    assertThat(tracing.find("mapek.cycle").orElseThrow().attributes())
        .containsEntry(TraceNames.PHASE_ERRORS, 1L);
  }

  private MapeKLoop tracedLoop(Tracing tracing) {
    return new MapeKLoop(
        new MapeKLoop.Phases(monitor, analyzer, planner, executor, knowledge),
        LoopMetrics.NONE,
        tracing,
        clock,
        nanos::get,
        new MapeKLoop.Settings(Duration.ofSeconds(5), Mode.ACTIVE, true));
  }

  @Test
  void aKnowledgeFailureDoesNotStopTheLoop() {
    loop(Duration.ofSeconds(5), monitor);
    knowledge.failWrites = true;

    CycleReport report = loop.runOnce();

    assertThat(report.errors()).isEmpty();
    assertThat(loop.lastReport()).contains(report);
  }

  @Test
  void pauseResumeAndIntervalChangesShowInTheState() {
    loop(Duration.ofSeconds(5), monitor).start();
    assertThat(loop.state().status()).isEqualTo("paused");
    assertThat(loop.state().nextCycleAt()).isNull();

    loop.changeInterval(Duration.ofMinutes(10));
    loop.changeMode(Mode.DRY_RUN);
    loop.resume();
    loop.pause();
    LoopState state = loop.state();

    assertThat(state.status()).isEqualTo("paused");
    assertThat(state.interval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(state.mode()).isEqualTo(Mode.DRY_RUN);
    assertThat(loop.runOnce().context().mode()).isEqualTo(Mode.DRY_RUN);
  }

  @Test
  void intervalsOutsideTheAllowedRangeAreRejected() {
    loop(Duration.ofSeconds(5), monitor);

    assertThatThrownBy(() -> loop.changeInterval(Duration.ofMillis(99)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("interval must be between 100ms and 1h, but was PT0.099S");
    assertThatThrownBy(() -> loop.changeInterval(Duration.ofHours(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(loop.state().interval()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void scheduledAndOnDemandCyclesNeverOverlap() throws Exception {
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch enoughRuns = new CountDownLatch(20);
    Monitor slow =
        cycle -> {
          maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          inside.decrementAndGet();
          runs.incrementAndGet();
          enoughRuns.countDown();
          return Snapshot.empty(cycle.cycleId(), cycle.startedAt());
        };
    loop(Duration.ofMillis(100), slow).start();
    loop.changeInterval(Duration.ofMillis(100));
    loop.resume();

    Thread api =
        new Thread(
            () -> {
              for (int i = 0; i < 15; i++) {
                loop.runOnce();
              }
            });
    api.start();
    api.join(10_000);

    assertThat(enoughRuns.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(maxInside.get()).isEqualTo(1);
    assertThat(loop.state().lastCycleId()).isEqualTo(41 + runs.get());
  }
}
