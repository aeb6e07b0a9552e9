package io.x0tta6bl4.mapek;

import java.util.function.BiConsumer;

/**
 * One started span of {@link Tracing}: attributes are added while it runs, and {@link #close()}
 * ends it and makes its parent current again. It must be closed on the thread that started it.
 */
public interface TraceSpan extends AutoCloseable {

  TraceSpan NONE = new TraceSpan() {};

  /** Adds or replaces a text attribute. */
  default TraceSpan set(String key, String value) {
    return this;
  }

  /** Adds or replaces a whole-number attribute (counts, ids, status codes). */
  default TraceSpan set(String key, long value) {
    return this;
  }

  /** Marks the span failed, with a short reason a person can read. */
  default void failed(String reason) {}

  /** Marks the span failed and records the exception on it. */
  default void failed(Throwable error) {}

  /**
   * Hands the headers that carry this span's context to another process (W3C {@code traceparent}
   * and {@code tracestate}) to {@code header}, e.g. {@code HttpRequest.Builder::header}.
   */
  default void inject(BiConsumer<String, String> header) {}

  /** Ends the span. */
  @Override
  default void close() {}
}
