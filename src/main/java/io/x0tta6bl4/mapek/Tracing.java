package io.x0tta6bl4.mapek;

import java.util.concurrent.Callable;

/**
 * Where the loop and its adapters report their work as trace spans, so they need no tracing
 * library. The OpenTelemetry implementation lives in {@code observability}; {@link #NONE} serves
 * tests and benchmarks.
 *
 * <p>A started span is current on the thread that started it until it is closed there (use
 * try-with-resources); spans started meanwhile on that thread are its children. Work handed to
 * another thread joins the trace only through {@link #propagating}. Span names and attribute keys
 * are the constants of {@link TraceNames}.
 */
public interface Tracing {

  Tracing NONE = new Tracing() {};

  /** What a span stands for, as far as a trace viewer cares. */
  enum SpanKind {
    /** Work inside the controller: a cycle, a phase, an action. */
    INTERNAL,
    /** A request to another process: a scrape, a probe, a webhook, a Kubernetes API call. */
    CLIENT
  }

  /**
   * Starts the root span of a new trace for one cycle, carrying its id and mode. A span current on
   * the calling thread (an API request that ran the cycle) is linked, not made the parent, so every
   * cycle is one trace of its own.
   */
  default TraceSpan cycle(CycleContext cycle) {
    return TraceSpan.NONE;
  }

  /** Starts a span that is a child of the current one (a root span when none is current). */
  default TraceSpan child(String name, SpanKind kind) {
    return TraceSpan.NONE;
  }

  /** The task, made to run in the trace context current now, on whichever thread runs it. */
  default Runnable propagating(Runnable task) {
    return task;
  }

  /** The task, made to run in the trace context current now, on whichever thread runs it. */
  default <T> Callable<T> propagating(Callable<T> task) {
    return task;
  }
}
