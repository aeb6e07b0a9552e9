package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.MDC;

/**
 * One source's collection in one cycle. A monitor thread runs it; the collecting thread watches its
 * deadline and settles it exactly once: from the source's answer, as timed out, or as not run.
 *
 * <p>The state decides who owns the outcome: the worker moves QUEUED → RUNNING → DONE, the
 * collecting thread RUNNING → TIMED_OUT or QUEUED → DROPPED; whoever loses the race leaves the
 * outcome to the other.
 */
final class SourceRun implements Runnable {

  /** Time a source that enforces its own timeout gets to report it before it is cut off. */
  static final Duration GRACE = Duration.ofMillis(100);

  static final String MDC_TARGET = "target";

  private static final int MAX_REASON = 500;

  enum State {
    QUEUED,
    RUNNING,
    DONE,
    TIMED_OUT,
    DROPPED
  }

  /** What the Monitor is told about a run, from the worker and from the collecting thread. */
  interface Listener {
    /** A worker began the run; its deadline now counts. */
    void started();

    /** The run will not call its source (again): its target may be collected anew. */
    void released(SourceRun run);

    /** The Monitor gave up on the run while a worker was running it; that thread is held. */
    void abandoned();

    /** A worker left the run; {@code abandoned} when the Monitor had already given up on it. */
    void finished(boolean abandoned);
  }

  private final MetricSource source;
  private final String target;
  private final Duration timeout;
  private final Instant now;
  private final LongSupplier nanoTime;
  private final Listener listener;
  private final Map<String, String> callerMdc = MDC.getCopyOfContextMap();
  private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
  private volatile long startedAt;
  private volatile long tookNanos;
  private volatile List<Observation> answer;
  private volatile Throwable failure;
  private Future<?> future;
  private TargetStatus status;
  private List<Observation> observations = List.of();
  private Error error;

  SourceRun(MetricSource source, Instant now, LongSupplier nanoTime, Listener listener) {
    this.source = source;
    this.target = source.target();
    this.timeout = timeoutOf(source);
    this.now = now;
    this.nanoTime = nanoTime;
    this.listener = listener;
  }

  private static Duration timeoutOf(MetricSource source) {
    Duration timeout = source.timeout();
    return timeout == null || timeout.isNegative() || timeout.isZero()
        ? MetricSource.DEFAULT_TIMEOUT
        : timeout;
  }

  String target() {
    return target;
  }

  void submitted(Future<?> future) {
    this.future = future;
  }

  @Override
  public void run() {
    // set before RUNNING is visible, so whoever sees RUNNING sees when it started
    startedAt = nanoTime.getAsLong();
    if (!state.compareAndSet(State.QUEUED, State.RUNNING)) {
      return;
    }
    listener.started();
    if (callerMdc != null) {
      MDC.setContextMap(callerMdc);
    }
    MDC.put(MDC_TARGET, target);
    try {
      answer = List.copyOf(source.collect(now));
    } catch (Exception | Error e) {
      failure = e;
    } finally {
      tookNanos = nanoTime.getAsLong() - startedAt;
      MDC.clear();
      // released before DONE: a caller that saw DONE may collect this target again at once
      listener.released(this);
      boolean abandoned = !state.compareAndSet(State.RUNNING, State.DONE);
      listener.finished(abandoned);
    }
  }

  boolean settled() {
    return status != null;
  }

  /**
   * Settles the run if it answered or missed its deadline.
   *
   * @param starvedSince since when every monitor thread has been held by a source that ignored its
   *     timeout, or null when a thread is free or will become free
   * @param threads the pool size, for the reason of a run that never got a thread
   * @return nanoseconds until this run's deadline; 0 once settled; Long.MAX_VALUE while it waits
   *     for a thread that will come free; 1 when it started just now and must be looked at again
   */
  long advance(long at, Long starvedSince, int threads) {
    if (settled()) {
      return 0;
    }
    switch (state.get()) {
      case DONE -> settleFromAnswer();
      case RUNNING -> {
        long left = startedAt + timeout.plus(GRACE).toNanos() - at;
        if (left > 0) {
          return left;
        }
        abandon(Durations.timedOut(timeout), at);
      }
      case QUEUED -> {
        if (starvedSince == null) {
          return Long.MAX_VALUE;
        }
        long left = starvedSince + timeout.toNanos() - at;
        if (left > 0) {
          return left;
        }
        drop(
            "not collected: all "
                + threads
                + " monitor threads are held by sources that ignored their timeout");
      }
      default -> throw new IllegalStateException("unsettled run in state " + state.get());
    }
    return settled() ? 0 : 1;
  }

  /**
   * Gives up on a run that has not started, e.g. when the monitor is closed or interrupted.
   *
   * @return false when it had started; the caller then waits for it or times it out
   */
  boolean drop(String reason) {
    if (state.compareAndSet(State.QUEUED, State.DROPPED)) {
      if (future != null) {
        future.cancel(false);
      }
      listener.released(this);
      settle(down(reason, Duration.ZERO), List.of());
      return true;
    }
    return false;
  }

  /**
   * Gives up on the run whatever its state, unless it already answered: a running source is
   * interrupted and keeps its thread until it really returns.
   */
  void abandon(String reason, long at) {
    if (settled()) {
      return;
    }
    if (state.compareAndSet(State.RUNNING, State.TIMED_OUT)) {
      listener.abandoned();
      future.cancel(true);
      settle(down(reason, Duration.ofNanos(at - startedAt)), List.of());
    } else if (state.get() == State.DONE) {
      settleFromAnswer();
    } else if (!drop(reason)) {
      // it started between the two checks
      abandon(reason, at);
    }
  }

  private void settleFromAnswer() {
    Duration took = Duration.ofNanos(tookNanos);
    Throwable failed = failure;
    if (failed == null) {
      settle(new TargetStatus(target, true, "", took), answer);
    } else if (failed instanceof TargetDownException down) {
      settle(down(bounded(down.getMessage()), took), down.observations());
    } else {
      if (failed instanceof Error fatal) {
        error = fatal;
      }
      String message = failed.getMessage();
      String name = failed.getClass().getSimpleName();
      settle(down(bounded(message == null ? name : name + ": " + message), took), List.of());
    }
  }

  private TargetStatus down(String reason, Duration took) {
    return new TargetStatus(target, false, reason, took);
  }

  private void settle(TargetStatus status, List<Observation> observations) {
    this.status = status;
    this.observations = observations;
  }

  TargetStatus status() {
    return status;
  }

  List<Observation> observations() {
    return observations;
  }

  /** An Error the source threw; the Monitor rethrows it once the cycle's collection is complete. */
  Error error() {
    return error;
  }

  private static String bounded(String text) {
    if (text == null || text.isBlank()) {
      return "down";
    }
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
  }
}
