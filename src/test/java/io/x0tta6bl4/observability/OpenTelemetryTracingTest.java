package io.x0tta6bl4.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.Tracing;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class OpenTelemetryTracingTest {

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
  private final OpenTelemetrySdk sdk =
      OpenTelemetrySdk.builder()
          .setTracerProvider(provider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
          .build();
  private final Tracing tracing = new OpenTelemetryTracing(sdk, "test");
  private final CycleContext cycle =
      new CycleContext(7, Instant.parse("2026-11-24T10:00:00Z"), Mode.DRY_RUN);

  @AfterEach
  void close() {
    sdk.close();
    MDC.clear();
  }

  @Test
  void aCycleStartedInsideARequestIsANewTraceLinkedToTheRequest() {
    Span request = sdk.getTracer("test").spanBuilder("POST /api/v1/cycles").startSpan();
    try (Scope inRequest = request.makeCurrent();
        TraceSpan span = tracing.cycle(cycle)) {
      assertThat(span).isNotNull();
    } finally {
      request.end();
    }

    SpanData cycleSpan = named("mapek.cycle");
    assertThat(cycleSpan.getTraceId()).isNotEqualTo(request.getSpanContext().getTraceId());
    assertThat(cycleSpan.getParentSpanContext().isValid()).isFalse();
    assertThat(cycleSpan.getLinks())
        .singleElement()
        .satisfies(link -> assertThat(link.getSpanContext()).isEqualTo(request.getSpanContext()));
    assertThat(cycleSpan.getAttributes().asMap()).containsValues(7L, "dry_run");
  }

  @Test
  void theMdcNamesTheCurrentSpanAndIsRestoredWhenItEnds() {
    MDC.put("traceId", "outer");
    try (TraceSpan root = tracing.cycle(cycle)) {
      String traceId = MDC.get("traceId");
      try (TraceSpan child = tracing.child("mapek.monitor", Tracing.SpanKind.INTERNAL)) {
        assertThat(MDC.get("traceId")).isEqualTo(traceId);
        assertThat(MDC.get("spanId")).isEqualTo(Span.current().getSpanContext().getSpanId());
      }
      assertThat(MDC.get("spanId")).isEqualTo(Span.current().getSpanContext().getSpanId());
    }
    assertThat(MDC.get("traceId")).isEqualTo("outer");
    assertThat(MDC.get("spanId")).isNull();
    assertThat(named("mapek.monitor").getTraceId()).isEqualTo(named("mapek.cycle").getTraceId());
  }

  @Test
  void workHandedToAnotherThreadJoinsTheTrace() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (TraceSpan root = tracing.cycle(cycle)) {
      Callable<String> work =
          tracing.propagating(
              () -> {
                try (TraceSpan call = tracing.child("mapek.scrape", Tracing.SpanKind.CLIENT)) {
                  Map<String, String> headers = new HashMap<>();
                  call.inject(headers::put);
                  return headers.get("traceparent");
                }
              });
      String traceparent = other.submit(work).get();

      SpanData scrape = named("mapek.scrape");
      assertThat(traceparent)
          .isEqualTo("00-" + scrape.getTraceId() + "-" + scrape.getSpanId() + "-01");
      assertThat(scrape.getParentSpanId()).isEqualTo(Span.current().getSpanContext().getSpanId());
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void aFailureIsAnErrorStatusWithTheReasonAndTheExceptionRecorded() {
    try (TraceSpan span = tracing.child("mapek.analyze", Tracing.SpanKind.INTERNAL)) {
      span.failed(new IllegalStateException("detector broke"));
    }
    try (TraceSpan span = tracing.child("mapek.probe", Tracing.SpanKind.CLIENT)) {
      span.failed("HTTP 503, expected 200");
    }

    SpanData analyze = named("mapek.analyze");
    assertThat(analyze.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(analyze.getStatus().getDescription())
        .isEqualTo("IllegalStateException: detector broke");
    assertThat(analyze.getEvents()).extracting(e -> e.getName()).containsExactly("exception");
    assertThat(named("mapek.probe").getStatus().getDescription())
        .isEqualTo("HTTP 503, expected 200");
  }

  private SpanData named(String name) {
    return exporter.getFinishedSpanItems().stream()
        .filter(s -> s.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span " + name));
  }
}
