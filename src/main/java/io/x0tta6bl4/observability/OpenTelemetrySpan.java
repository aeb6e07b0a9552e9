package io.x0tta6bl4.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.x0tta6bl4.mapek.TraceSpan;
import java.util.function.BiConsumer;

/** A started OpenTelemetry span, current on its thread until {@link #close()}. */
final class OpenTelemetrySpan implements TraceSpan {

  /** Longest status description: a reason, not a response body. */
  static final int MAX_REASON = 300;

  private final Span span;
  private final Scope scope;
  private final TextMapPropagator propagator;

  private OpenTelemetrySpan(Span span, Scope scope, TextMapPropagator propagator) {
    this.span = span;
    this.scope = scope;
    this.propagator = propagator;
  }

  static OpenTelemetrySpan start(Span span, TextMapPropagator propagator) {
    return new OpenTelemetrySpan(span, span.makeCurrent(), propagator);
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
  }

  private static String bounded(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
  }
}
