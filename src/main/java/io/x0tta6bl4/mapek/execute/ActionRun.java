package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Tracing;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * One action on its way through a worker thread. The caller has taken a slot of {@code slots}; it
 * is given back exactly once: by the worker when the handler really returns, or by the caller when
 * the task was cancelled before a worker picked it up.
 */
final class ActionRun {

  static final String MDC_CYCLE = "cycleId";
  static final String MDC_TARGET = "target";
  static final String MDC_ACTION = "actionId";

  private final ActionHandler handler;
  private final Action action;
  private final CycleContext cycle;
  private final Semaphore slots;
  private final AtomicBoolean started = new AtomicBoolean();
  private final Map<String, String> callerMdc = MDC.getCopyOfContextMap();

  ActionRun(ActionHandler handler, Action action, CycleContext cycle, Semaphore slots) {
    this.handler = handler;
    this.action = action;
    this.cycle = cycle;
    this.slots = slots;
  }

  /**
   * Runs the handler on {@code workers}, in the caller's trace context, and waits at most {@code
   * timeout} for it.
   */
  ActionResult submitAndAwait(ExecutorService workers, Duration timeout, Tracing tracing) {
    Future<ActionResult> future;
    try {
      future = workers.submit(tracing.propagating(this::call));
    } catch (RejectedExecutionException e) {
      releaseIfNeverStarted();
      return ActionResult.failed(0, "executor is closed");
    }
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      return cancel(future, "timed out after " + Texts.human(timeout));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return cancel(future, "interrupted while waiting for the action");
    } catch (ExecutionException e) {
      return fromFailure(e.getCause());
    }
  }

  private ActionResult call() throws Exception {
    if (!started.compareAndSet(false, true)) {
      throw new CancellationException("cancelled before it started");
    }
    if (callerMdc != null) {
      MDC.setContextMap(callerMdc);
    }
    MDC.put(MDC_CYCLE, String.valueOf(cycle.cycleId()));
    MDC.put(MDC_TARGET, action.target());
    MDC.put(MDC_ACTION, action.id());
    try {
      return Objects.requireNonNull(
          handler.run(action, cycle), () -> "handler '" + handler.kind() + "' returned no result");
    } finally {
      slots.release();
      MDC.clear();
    }
  }

  /** Interrupts the handler; its slot stays taken until its thread really stops. */
  private ActionResult cancel(Future<ActionResult> future, String message) {
    future.cancel(true);
    boolean neverStarted = releaseIfNeverStarted();
    return ActionResult.failed(neverStarted ? 0 : 1, message);
  }

  private boolean releaseIfNeverStarted() {
    if (started.compareAndSet(false, true)) {
      slots.release();
      return true;
    }
    return false;
  }

  private static ActionResult fromFailure(Throwable failure) {
    if (failure instanceof ActionException known) {
      return ActionResult.failed(
          known.attempts(), Texts.bounded(known.getMessage(), HandlerExecutor.MAX_FAILURE_MESSAGE));
    }
    return ActionResult.failed(1, Texts.describe(failure, HandlerExecutor.MAX_FAILURE_MESSAGE));
  }
}
