package io.x0tta6bl4.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.x0tta6bl4.mapek.TraceSpan;
import java.util.function.BiConsumer;
import org.slf4j.MDC;

/**
 * A started OpenTelemetry span, current on its thread until {@link #close()}. While it is current,
 * its ids are in the MDC under the keys Spring Boot's log correlation prints, so every log line of
 * a cycle names the trace to open in Jaeger.
 */
final class OpenTelemetrySpan implements TraceSpan {

  static final String MDC_TRACE_ID = "traceId";
  static final String MDC_SPAN_ID = "spanId";

  /** Longest status description: a reason, not a response body. */
  static final int MAX_REASON = 300;

  private final Span span;
  private final Scope scope;
  private final TextMapPropagator propagator;
  private final String outerTraceId;
  private final String outerSpanId;

  private OpenTelemetrySpan(
      Span span, TextMapPropagator propagator, String outerTraceId, String outerSpanId) {
    this.span = span;
    this.propagator = propagator;
    this.outerTraceId = outerTraceId;
    this.outerSpanId = outerSpanId;
    this.scope = span.makeCurrent();
  }

  /**
   * Makes {@code span} current. The MDC is read before: Boot's context-storage wrapper, when
   * installed, already moves the MDC on {@code makeCurrent}, and the outer ids are what {@link
   * #close()} must put back either way.
   */
  static OpenTelemetrySpan start(Span span, TextMapPropagator propagator) {
    OpenTelemetrySpan started =
        new OpenTelemetrySpan(span, propagator, MDC.get(MDC_TRACE_ID), MDC.get(MDC_SPAN_ID));
    if (span.getSpanContext().isValid()) {
      MDC.put(MDC_TRACE_ID, span.getSpanContext().getTraceId());
      MDC.put(MDC_SPAN_ID, span.getSpanContext().getSpanId());
    }
    return started;
  }

  @Override
  public TraceSpan set(String key, String value) {
    span.setAttribute(key, value);
    return this;
  }

  @Override
  public TraceSpan set(String key, long value) {
    span.setAttribute(key, value);
    return this;
  }

  @Override
  public void failed(String reason) {
    span.setStatus(StatusCode.ERROR, bounded(reason));
  }

  @Override
  public void failed(Throwable error) {
    span.recordException(error);
    String message = error.getMessage();
    String name = error.getClass().getSimpleName();
    span.setStatus(StatusCode.ERROR, bounded(message == null ? name : name + ": " + message));
  }

  @Override
  public void inject(BiConsumer<String, String> header) {
    propagator.inject(
        Context.current().with(span), header, (carrier, key, value) -> carrier.accept(key, value));
  }

  @Override
  public void close() {
    scope.close();
    span.end();
    restore(MDC_TRACE_ID, outerTraceId);
    restore(MDC_SPAN_ID, outerSpanId);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  private static String bounded(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
  }
}
