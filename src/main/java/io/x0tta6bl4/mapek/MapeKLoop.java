package io.x0tta6bl4.mapek;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The MAPE-K loop: Monitor → Analyze → Plan → Execute, each cycle recorded in Knowledge. Cycles
 * start every {@code interval} on one scheduler thread and never overlap (a cycle run through the
 * API waits for a running one). A phase that throws is recorded on its cycle and the later phases
 * of that cycle are skipped — planning on a partial picture could undo a remedy — and the next
 * cycle runs as usual.
 */
public final class MapeKLoop implements LoopControl, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MapeKLoop.class);

  private final Phases phases;
  private final Knowledge knowledge;
  private final LoopMetrics metrics;
  private final Tracing tracing;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final ReentrantLock cycleLock = new ReentrantLock();
  private final ScheduledExecutorService scheduler;
  private final AtomicLong lastCycleId = new AtomicLong();
  private final AtomicLong cyclesRun = new AtomicLong();

  private volatile Duration interval;
  private volatile Mode mode;
  private volatile boolean paused;
  private volatile boolean started;
  private volatile CycleReport last;
  private volatile Instant nextCycleAt;
  private ScheduledFuture<?> next;

  public MapeKLoop(
      Phases phases, LoopMetrics metrics, Clock clock, LongSupplier nanoTime, Settings settings) {
    this(phases, metrics, Tracing.NONE, clock, nanoTime, settings);
  }

  /**
   * @param tracing where each cycle becomes one trace: a {@code mapek.cycle} span with a child span
   *     per phase that ran
   */
  public MapeKLoop(
      Phases phases,
      LoopMetrics metrics,
      Tracing tracing,
      Clock clock,
      LongSupplier nanoTime,
      Settings settings) {
    this.phases = phases;
    this.knowledge = phases.knowledge();
    this.metrics = metrics;
    this.tracing = java.util.Objects.requireNonNull(tracing, "tracing");
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.interval = checkedInterval(settings.interval());
    this.mode = settings.mode();
    this.paused = settings.paused();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "mapek-loop");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** The five phases a loop chains. */
  public record Phases(
      Monitor monitor,
      Analyzer analyzer,
      Planner planner,
      Executor executor,
      Knowledge knowledge) {}

  /** How the loop starts: interval between cycle starts, mode, and whether it starts paused. */
  public record Settings(Duration interval, Mode mode, boolean paused) {}

  /** Continues the cycle numbering from Knowledge and schedules the first cycle at once. */
  public synchronized void start() {
    if (started) {
      return;
    }
    lastCycleId.set(knowledge.lastCycleId());
    started = true;
    if (!paused) {
      scheduleIn(Duration.ZERO);
    }
    log.info("MAPE-K loop started: interval {}, mode {}, paused {}", interval, mode, paused);
  }

  /** Stops scheduling and waits up to {@code grace} for a running cycle to finish. */
  public void stop(Duration grace) {
    synchronized (this) {
      started = false;
      cancelNext();
    }
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }

  public boolean isRunning() {
    return started;
  }

  @Override
  public LoopState state() {
    CycleReport report = last;
    String status = !started ? "stopped" : paused ? "paused" : "running";
    return new LoopState(
        status,
        mode,
        interval,
        cyclesRun.get(),
        lastCycleId.get(),
        report == null ? null : report.context().startedAt(),
        started && !paused ? nextCycleAt : null);
  }

  @Override
  public synchronized void pause() {
    paused = true;
    cancelNext();
  }

  @Override
  public synchronized void resume() {
    if (!paused) {
      return;
    }
    paused = false;
    if (started) {
      scheduleIn(Duration.ZERO);
    }
  }

  @Override
  public synchronized void changeInterval(Duration newInterval) {
    interval = checkedInterval(newInterval);
    if (started && !paused && next != null && !next.isDone()) {
      // the next start moves to last start + new interval, not to a full new interval from now
      cancelNext();
      Instant lastStart = last == null ? clock.instant() : last.context().startedAt();
      Duration delay = Duration.between(clock.instant(), lastStart.plus(newInterval));
      scheduleIn(delay.isNegative() ? Duration.ZERO : delay);
    }
  }

  @Override
  public void changeMode(Mode newMode) {
    mode = java.util.Objects.requireNonNull(newMode, "mode");
  }

  @Override
  public CycleReport runOnce() {
    return runCycle();
  }

  @Override
  public Optional<CycleReport> lastReport() {
    return Optional.ofNullable(last);
  }

  private void tick() {
    long began = nanoTime.getAsLong();
    try {
      runCycle();
    } catch (RuntimeException | Error e) {
      // runCycle records phase failures itself; anything here is a defect, but the loop must live
      log.error("cycle failed outside its phases", e);
    } finally {
      synchronized (this) {
        if (started && !paused) {
          Duration took = Duration.ofNanos(nanoTime.getAsLong() - began);
          Duration delay = interval.minus(took);
          scheduleIn(delay.isNegative() ? Duration.ZERO : delay);
        }
      }
    }
  }

  private CycleReport runCycle() {
    cycleLock.lock();
    try {
      CycleContext context = new CycleContext(lastCycleId.incrementAndGet(), clock.instant(), mode);
      MDC.put("cycle", Long.toString(context.cycleId()));
      try (TraceSpan span = tracing.cycle(context)) {
        CycleReport report = new Cycle(phases, metrics, tracing, nanoTime, context).run();
        last = report;
        cyclesRun.incrementAndGet();
        store(report);
        metrics.cycleCompleted(report);
        describe(span, report);
        return report;
      }
    } finally {
      MDC.remove("cycle");
      cycleLock.unlock();
    }
  }

  private static void describe(TraceSpan span, CycleReport report) {
    Cycle.describeSnapshot(span, report.snapshot());
    span.set(TraceNames.ANOMALIES, report.anomalies().size());
    Cycle.describePlan(span, report.plan());
    span.set(TraceNames.ACTIONS_FAILED, Cycle.failed(report.outcomes()));
    span.set(TraceNames.PHASE_ERRORS, report.errors().size());
    if (!report.errors().isEmpty()) {
      PhaseError first = report.errors().get(0);
      span.failed("phase " + first.phase().id() + " failed");
    }
  }

  private void store(CycleReport report) {
    long began = nanoTime.getAsLong();
    try (TraceSpan span =
        tracing.child(TraceNames.phase(Phase.KNOWLEDGE), Tracing.SpanKind.INTERNAL)) {
      span.set(TraceNames.CYCLE_ID, report.id());
      try {
        knowledge.record(report);
      } catch (RuntimeException e) {
        span.failed(e);
        throw e;
      }
    } catch (RuntimeException e) {
      metrics.knowledgeWriteFailed();
      log.error("Knowledge could not record cycle {}; it is kept in memory only", report.id(), e);
    } finally {
      metrics.phaseTimed(Phase.KNOWLEDGE, Duration.ofNanos(nanoTime.getAsLong() - began));
    }
  }

  private void scheduleIn(Duration delay) {
    nextCycleAt = clock.instant().plus(delay);
    next = scheduler.schedule(this::tick, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void cancelNext() {
    if (next != null) {
      next.cancel(false);
      next = null;
    }
    nextCycleAt = null;
  }

  private static Duration checkedInterval(Duration candidate) {
    if (candidate == null
        || candidate.compareTo(MIN_INTERVAL) < 0
        || candidate.compareTo(MAX_INTERVAL) > 0) {
      throw new IllegalArgumentException(
          "interval must be between 100ms and 1h, but was " + candidate);
    }
    return candidate;
  }
}
