package io.x0tta6bl4.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.Tracing;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The loop's {@link Tracing} port on the OpenTelemetry API. Spans go wherever the {@link
 * OpenTelemetry} instance sends them (Spring Boot's SDK: its sampler, resource and OTLP exporter);
 * context crosses to other processes with the instance's propagators (W3C trace context by
 * default).
 */
final class OpenTelemetryTracing implements Tracing {

  static final String INSTRUMENTATION_SCOPE = "io.x0tta6bl4";

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  OpenTelemetryTracing(OpenTelemetry openTelemetry, String version) {
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION_SCOPE, version);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public TraceSpan cycle(CycleContext cycle) {
    SpanBuilder builder =
        tracer
            .spanBuilder(TraceNames.CYCLE)
            .setNoParent()
            .setSpanKind(io.opentelemetry.api.trace.SpanKind.INTERNAL)
            .setAttribute(TraceNames.CYCLE_ID, cycle.cycleId())
            .setAttribute(TraceNames.MODE, cycle.mode().name().toLowerCase(Locale.ROOT));
    SpanContext caller = Span.current().getSpanContext();
    if (caller.isValid()) {
      // a cycle run through the API keeps its own trace and points to the request's
      builder.addLink(caller);
    }
    return OpenTelemetrySpan.start(builder.startSpan(), propagator);
  }

  @Override
  public TraceSpan child(String name, SpanKind kind) {
    // the inherited SpanKind is the port's; the OpenTelemetry one is spelled out
    io.opentelemetry.api.trace.SpanKind otelKind =
        kind == SpanKind.CLIENT
            ? io.opentelemetry.api.trace.SpanKind.CLIENT
            : io.opentelemetry.api.trace.SpanKind.INTERNAL;
    return OpenTelemetrySpan.start(
        tracer.spanBuilder(name).setSpanKind(otelKind).startSpan(), propagator);
  }

  @Override
  public Runnable propagating(Runnable task) {
    return Context.current().wrap(task);
  }

  @Override
  public <T> Callable<T> propagating(Callable<T> task) {
    return Context.current().wrap(task);
  }
}
