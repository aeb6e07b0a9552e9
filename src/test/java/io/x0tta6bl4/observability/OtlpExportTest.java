package io.x0tta6bl4.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.x0tta6bl4.X0tta6bl4Application;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.MapeKLoop;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service pointed at a real OTLP/HTTP receiver on loopback by the standard variables
 * alone (given as arguments here, which the environment reads like the process environment): the
 * receiver decodes the protobuf export requests and finds the cycle's trace under the configured
 * service name and resource attributes.
 */
class OtlpExportTest {

  private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private HttpServer receiver;
  private ConfigurableApplicationContext app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  void theCycleTraceReachesTheCollectorNamedByTheOtelVariables() throws Exception {
    receiver = startReceiver();
    String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort();
    app =
        new SpringApplicationBuilder(X0tta6bl4Application.class)
            .web(WebApplicationType.NONE)
            .run(
                "--OTEL_EXPORTER_OTLP_ENDPOINT=" + endpoint,
                "--OTEL_SERVICE_NAME=x0tta6bl4-export-test",
                "--OTEL_RESOURCE_ATTRIBUTES=deployment.environment=test",
                "--OTEL_TRACES_SAMPLER=always_on",
                "--OTEL_BSP_SCHEDULE_DELAY=50",
                "--x0tta6bl4.loop.start-paused=true",
                "--x0tta6bl4.monitor.self.data-directory=target/otlp-export-data",
                "--spring.datasource.url=jdbc:h2:mem:otlp;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");

    CycleReport report = app.getBean(MapeKLoop.class).runOnce();
    List<Span> cycle = awaitTrace(report.id());

    assertThat(paths).allMatch("/v1/traces"::equals);
    assertThat(names(cycle))
        .contains(
            "mapek.cycle",
            "mapek.monitor",
            "mapek.analyze",
            "mapek.plan",
            "mapek.execute",
            "mapek.knowledge");
    Map<String, String> resource = resourceOf(report.id());
    assertThat(resource)
        .containsEntry("service.name", "x0tta6bl4-export-test")
        .containsEntry("deployment.environment", "test");
  }

  /** Waits (at most 20 s, for a loaded machine) until the cycle's spans have all arrived. */
  private List<Span> awaitTrace(long cycleId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      List<Span> trace = traceOf(cycleId);
      if (names(trace).contains("mapek.knowledge") && names(trace).contains("mapek.cycle")) {
        return trace;
      }
      Thread.sleep(50);
    }
    return traceOf(cycleId);
  }

  private List<Span> traceOf(long cycleId) {
    List<Span> all = spans().stream().map(Map.Entry::getValue).toList();
    String traceId =
        all.stream()
            .filter(s -> s.getName().equals("mapek.cycle") && hasCycleId(s, cycleId))
            .map(s -> HexFormat.of().formatHex(s.getTraceId().toByteArray()))
            .findFirst()
            .orElse("");
    return all.stream()
        .filter(s -> HexFormat.of().formatHex(s.getTraceId().toByteArray()).equals(traceId))
        .toList();
  }

  private Map<String, String> resourceOf(long cycleId) {
    return spans().stream()
        .filter(e -> e.getValue().getName().equals("mapek.cycle"))
        .filter(e -> hasCycleId(e.getValue(), cycleId))
        .map(e -> text(e.getKey().getResource().getAttributesList()))
        .findFirst()
        .orElse(Map.of());
  }

  private List<Map.Entry<ResourceSpans, Span>> spans() {
    List<Map.Entry<ResourceSpans, Span>> spans = new ArrayList<>();
    for (ExportTraceServiceRequest request : received) {
      for (ResourceSpans resource : request.getResourceSpansList()) {
        resource.getScopeSpansList().stream()
            .flatMap(scope -> scope.getSpansList().stream())
            .forEach(span -> spans.add(Map.entry(resource, span)));
      }
    }
    return spans;
  }

  private static boolean hasCycleId(Span span, long cycleId) {
    return has(
        span.getAttributesList(),
        a -> a.getKey().equals("mapek.cycle.id") && a.getValue().getIntValue() == cycleId);
  }

  private static boolean has(List<KeyValue> attributes, Predicate<KeyValue> test) {
    return attributes.stream().anyMatch(test);
  }

  private static Map<String, String> text(List<KeyValue> attributes) {
    return attributes.stream()
        .collect(
            Collectors.toMap(KeyValue::getKey, a -> a.getValue().getStringValue(), (a, b) -> b));
  }

  private static List<String> names(List<Span> spans) {
    return spans.stream().map(Span::getName).toList();
  }

  private HttpServer startReceiver() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange;
              InputStream body = exchange.getRequestBody()) {
            paths.add(exchange.getRequestURI().getPath());
            received.add(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
    return server;
  }
}
