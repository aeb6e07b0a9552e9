package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Executor;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.Tracing;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The Executor: runs each action of a plan, in plan order, with the {@link ActionHandler} of its
 * kind, and returns one {@link Outcome} per action in the same order.
 *
 * <p>In {@code DRY_RUN} nothing runs. Otherwise an action runs on a worker thread and is cancelled
 * (interrupted) after {@code actionTimeout}. At most {@code maxConcurrent} actions are in flight in
 * the whole process: an action whose thread ignores the interrupt keeps its slot until it really
 * ends, and while no slot is free further actions are SKIPPED rather than queued behind it. A
 * failure is always an outcome, never an exception, and never reported as a success.
 */
public final class HandlerExecutor implements Executor, Closeable {

  /** Longest message taken from an exception nobody wrote a message for. */
  static final int MAX_FAILURE_MESSAGE = 500;

  private static final Logger log = LoggerFactory.getLogger(HandlerExecutor.class);

  private final Map<String, ActionHandler> handlers;
  private final Duration actionTimeout;
  private final int maxConcurrent;
  private final Clock clock;
  private final Semaphore slots;
  private final ExecutorService workers;
  private final Approvals approvals;
  private final Tracing tracing;

  /**
   * @param handlers one per kind; a second handler for a kind is rejected
   * @param actionTimeout longest an action may run, positive
   * @param maxConcurrent most actions in flight in the process, at least 1
   * @param clock for outcome start times and durations
   */
  public HandlerExecutor(
      Collection<? extends ActionHandler> handlers,
      Duration actionTimeout,
      int maxConcurrent,
      Clock clock) {
    this(
        handlers,
        actionTimeout,
        maxConcurrent,
        clock,
        new Approvals(Duration.ofMinutes(15), (id, outcome) -> false));
  }

  /**
   * @param approvals where actions that need a person's approval wait
   */
  public HandlerExecutor(
      Collection<? extends ActionHandler> handlers,
      Duration actionTimeout,
      int maxConcurrent,
      Clock clock,
      Approvals approvals) {
    this(handlers, actionTimeout, maxConcurrent, clock, approvals, Tracing.NONE);
  }

  /**
   * @param tracing where every action that runs becomes a {@code mapek.action} span; its handler
   *     runs in that span's context on the worker thread
   */
  public HandlerExecutor(
      Collection<? extends ActionHandler> handlers,
      Duration actionTimeout,
      int maxConcurrent,
      Clock clock,
      Approvals approvals,
      Tracing tracing) {
    this.tracing = Objects.requireNonNull(tracing, "tracing");
    this.approvals = Objects.requireNonNull(approvals, "approvals");
    this.handlers = byKind(handlers);
    this.actionTimeout = Objects.requireNonNull(actionTimeout, "actionTimeout");
    if (actionTimeout.isNegative() || actionTimeout.isZero()) {
      throw new IllegalArgumentException(
          "actionTimeout must be positive, but was " + actionTimeout);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be >= 1, but was " + maxConcurrent);
    }
    this.maxConcurrent = maxConcurrent;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.slots = new Semaphore(maxConcurrent);
    this.workers = Executors.newFixedThreadPool(maxConcurrent, workerThreads());
  }

  private static Map<String, ActionHandler> byKind(Collection<? extends ActionHandler> handlers) {
    Map<String, ActionHandler> byKind = new TreeMap<>();
    for (ActionHandler handler : handlers) {
      ActionHandler previous = byKind.putIfAbsent(handler.kind(), handler);
      if (previous != null) {
        throw new IllegalArgumentException(
            "two handlers for action kind '"
                + handler.kind()
                + "': "
                + previous.getClass().getSimpleName()
                + " and "
                + handler.getClass().getSimpleName());
      }
    }
    return Collections.unmodifiableMap(byKind);
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "action-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** The kinds this executor can run, sorted. */
  public List<String> kinds() {
    return List.copyOf(handlers.keySet());
  }

  @Override
  public List<Outcome> execute(CycleContext cycle, Plan plan) {
    expireApprovals(cycle.startedAt());
    boolean dryRun = plan.mode() == Mode.DRY_RUN || cycle.mode() == Mode.DRY_RUN;
    List<Outcome> outcomes = new ArrayList<>(plan.actions().size());
    for (Action action : plan.actions()) {
      try (MDC.MDCCloseable target = MDC.putCloseable(ActionRun.MDC_TARGET, action.target());
          MDC.MDCCloseable id = MDC.putCloseable(ActionRun.MDC_ACTION, action.id())) {
        Outcome outcome = outcome(action, cycle, dryRun);
        report(action, outcome);
        outcomes.add(outcome);
      }
    }
    return List.copyOf(outcomes);
  }

  private Outcome outcome(Action action, CycleContext cycle, boolean dryRun) {
    if (Thread.currentThread().isInterrupted()) {
      return notRun(action, OutcomeStatus.SKIPPED, "executor interrupted before it ran");
    }
    if (dryRun) {
      String would =
          handlers.containsKey(action.kind())
              ? "would run " + action.kind() + " on " + action.target()
              : "would fail: " + noHandler(action);
      return notRun(action, OutcomeStatus.DRY_RUN, "dry-run: " + would);
    }
    if (action.approvalRequired()) {
      Instant until = approvals.park(action, cycle.cycleId(), cycle.startedAt());
      return notRun(
          action,
          OutcomeStatus.AWAITING_APPROVAL,
          "waiting for approval until %s: POST /api/v1/actions/%s/approve or /reject"
              .formatted(until, action.id()));
    }
    return run(action, cycle);
  }

  /** Actions waiting for approval now, oldest first. */
  public List<Approvals.Pending> pendingApprovals() {
    return approvals.pending();
  }

  /**
   * Runs an action that was waiting for approval, now, and records its outcome in place of the
   * AWAITING_APPROVAL one.
   *
   * @throws NotAwaitingApprovalException when no such action is waiting
   */
  public Outcome approve(String actionId) {
    Approvals.Pending pending = awaiting(actionId);
    CycleContext context = new CycleContext(pending.cycleId(), clock.instant(), Mode.ACTIVE);
    Outcome outcome = run(pending.action(), context);
    report(pending.action(), outcome);
    approvals.complete(actionId, outcome);
    return outcome;
  }

  /**
   * Drops an action that was waiting for approval; its outcome becomes SKIPPED with the reason.
   *
   * @throws NotAwaitingApprovalException when no such action is waiting
   */
  public Outcome reject(String actionId, String reason) {
    Approvals.Pending pending = awaiting(actionId);
    Outcome outcome = notRun(pending.action(), OutcomeStatus.SKIPPED, "rejected: " + reason);
    approvals.complete(actionId, outcome);
    return outcome;
  }

  private Approvals.Pending awaiting(String actionId) {
    return approvals
        .take(actionId)
        .orElseThrow(
            () ->
                new NotAwaitingApprovalException(
                    "action " + actionId + " is not waiting for approval"));
  }

  private void expireApprovals(Instant now) {
    for (Approvals.Pending expired : approvals.takeExpired(now)) {
      Outcome outcome =
          notRun(
              expired.action(),
              OutcomeStatus.SKIPPED,
              "approval expired after " + approvals.timeout().toSeconds() + "s");
      approvals.complete(expired.action().id(), outcome);
      log.warn("action {} expired waiting for approval", expired.action().id());
    }
  }

  private static String noHandler(Action action) {
    return "no handler for action kind '" + Texts.bounded(action.kind(), 100) + "'";
  }

  private Outcome run(Action action, CycleContext cycle) {
    ActionHandler handler = handlers.get(action.kind());
    if (handler == null) {
      return notRun(action, OutcomeStatus.FAILED, noHandler(action));
    }
    if (!slots.tryAcquire()) {
      return notRun(
          action,
          OutcomeStatus.SKIPPED,
          "max-concurrent (" + maxConcurrent + ") actions already running");
    }
    try (TraceSpan span = tracing.child(TraceNames.ACTION, Tracing.SpanKind.INTERNAL)) {
      span.set(TraceNames.ACTION_ID, action.id())
          .set(TraceNames.ACTION_KIND, action.kind())
          .set(TraceNames.TARGET, action.target())
          .set(TraceNames.CYCLE_ID, cycle.cycleId());
      Instant start = clock.instant();
      ActionRun run = new ActionRun(handler, action, cycle, slots);
      ActionResult result = run.submitAndAwait(workers, actionTimeout, tracing);
      OutcomeStatus status = result.succeeded() ? OutcomeStatus.SUCCEEDED : OutcomeStatus.FAILED;
      span.set(TraceNames.ACTION_STATUS, status.name())
          .set(TraceNames.ACTION_ATTEMPTS, result.attempts());
      if (!result.succeeded()) {
        span.failed(result.message());
      }
      return new Outcome(
          action.id(), status, start, elapsedSince(start), result.attempts(), result.message());
    }
  }

  private Outcome notRun(Action action, OutcomeStatus status, String message) {
    return new Outcome(action.id(), status, clock.instant(), Duration.ZERO, 0, message);
  }

  /** A clock stepped backwards must not produce a negative duration. */
  private Duration elapsedSince(Instant start) {
    Duration elapsed = Duration.between(start, clock.instant());
    return elapsed.isNegative() ? Duration.ZERO : elapsed;
  }

  private static void report(Action action, Outcome outcome) {
    if (outcome.status() == OutcomeStatus.FAILED || outcome.status() == OutcomeStatus.SKIPPED) {
      log.warn(
          "action {} {} on {}: {} after {}: {}",
          action.id(),
          action.kind(),
          action.target(),
          outcome.status(),
          Texts.plural(outcome.attempts(), "attempt"),
          outcome.message());
    } else {
      log.info(
          "action {} {} on {}: {} ({})",
          action.id(),
          action.kind(),
          action.target(),
          outcome.status(),
          outcome.message());
    }
  }

  /** Stops the workers and interrupts any action still running; later actions fail. */
  @Override
  public void close() {
    workers.shutdownNow();
  }
}
