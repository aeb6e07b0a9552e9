package io.x0tta6bl4.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.x0tta6bl4.X0tta6bl4Application;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.MapeKLoop;
import io.x0tta6bl4.observability.OtlpTraces.ExportedSpan;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole service pointed at a real OTLP/HTTP receiver on loopback by the standard variables
 * alone (given as arguments here, which the environment reads like the process environment): the
 * receiver decodes the protobuf export requests (OtlpTraces) and finds the cycle's trace under the
 * configured service name and resource attributes.
 */
class OtlpExportTest {

  private final List<ExportedSpan> received = new CopyOnWriteArrayList<>();
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
    List<ExportedSpan> cycle = awaitTrace(report.id());

    assertThat(paths).allMatch("/v1/traces"::equals);
    assertThat(names(cycle))
        .contains(
            "mapek.cycle",
            "mapek.monitor",
            "mapek.analyze",
            "mapek.plan",
            "mapek.execute",
            "mapek.knowledge");
    ExportedSpan root =
        cycle.stream().filter(s -> s.name().equals("mapek.cycle")).findFirst().orElseThrow();
    assertThat(root.parentSpanId()).isEmpty();
    assertThat(cycle)
        .filteredOn(s -> !s.name().equals("mapek.cycle"))
        .allSatisfy(s -> assertThat(s.parentSpanId()).isNotEmpty());
    List<String> phases =
        List.of("mapek.monitor", "mapek.analyze", "mapek.plan", "mapek.execute", "mapek.knowledge");
    assertThat(cycle)
        .filteredOn(s -> phases.contains(s.name()))
        .hasSize(5)
        .allSatisfy(s -> assertThat(s.parentSpanId()).isEqualTo(root.spanId()));
    assertThat(root.resource())
        .containsEntry("service.name", "x0tta6bl4-export-test")
        .containsEntry("deployment.environment", "test");
  }

  /** Waits (at most 20 s, for a loaded machine) until the cycle's spans have all arrived. */
  private List<ExportedSpan> awaitTrace(long cycleId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      List<ExportedSpan> trace = traceOf(cycleId);
      if (names(trace).contains("mapek.knowledge") && names(trace).contains("mapek.cycle")) {
        return trace;
      }
      Thread.sleep(50);
    }
    return traceOf(cycleId);
  }

  private List<ExportedSpan> traceOf(long cycleId) {
    String traceId =
        received.stream()
            .filter(s -> s.name().equals("mapek.cycle"))
            .filter(s -> Long.valueOf(cycleId).equals(s.attributes().get("mapek.cycle.id")))
            .map(ExportedSpan::traceId)
            .findFirst()
            .orElse("?");
    return received.stream().filter(s -> s.traceId().equals(traceId)).toList();
  }

  private static List<String> names(List<ExportedSpan> spans) {
    return spans.stream().map(ExportedSpan::name).toList();
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
            received.addAll(OtlpTraces.read(body.readAllBytes()));
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
          }
        });
    server.start();
    return server;
  }
}
