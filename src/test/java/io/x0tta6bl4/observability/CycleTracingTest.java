package io.x0tta6bl4.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.MapeKLoop;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.monitor.TestHttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Real cycles of the whole service on H2 against real loopback HTTP servers, their spans caught by
 * an in-memory exporter: one trace per cycle, a span per phase under it, the scrape and the probe
 * under the monitor span, the action and its webhook under the execute span, and the W3C {@code
 * traceparent} of those calls arriving at the servers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "x0tta6bl4.loop.start-paused=true",
      "spring.datasource.url=jdbc:h2:mem:tracing;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "x0tta6bl4.monitor.self.enabled=false",
      "x0tta6bl4.analyzer.adaptive.enabled=false",
      "x0tta6bl4.analyzer.target-down.failures=1"
    })
class CycleTracingTest {

  private static final TestHttpServer SERVERS = new TestHttpServer();
  private static final Map<String, String> TRACEPARENTS = new ConcurrentHashMap<>();
  private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

  @Autowired MapeKLoop loop;
  @Autowired ApplicationContext context;

  @TestConfiguration(proxyBeanMethods = false)
  static class InMemorySpans {
    @Bean
    SpanProcessor inMemorySpans() {
      return SimpleSpanProcessor.create(SPANS);
    }
  }

  @DynamicPropertySource
  static void targets(DynamicPropertyRegistry registry) {
    SERVERS.handle("/metrics", exchange -> answer(exchange, 200, "shop_orders_total 42\n"));
    SERVERS.handle("/health", exchange -> answer(exchange, 503, "down"));
    SERVERS.handle("/hook", exchange -> answer(exchange, 200, "ok"));
    registry.add("x0tta6bl4.monitor.targets[0].id", () -> "shop");
    registry.add("x0tta6bl4.monitor.targets[0].kind", () -> "prometheus");
    registry.add("x0tta6bl4.monitor.targets[0].url", () -> SERVERS.url("/metrics").toString());
    registry.add("x0tta6bl4.monitor.targets[1].id", () -> "api");
    registry.add("x0tta6bl4.monitor.targets[1].kind", () -> "http");
    registry.add("x0tta6bl4.monitor.targets[1].url", () -> SERVERS.url("/health").toString());
    String policy = "x0tta6bl4.planner.policies[0].";
    registry.add(policy + "name", () -> "page-on-down");
    registry.add(policy + "symptom", () -> "target_down");
    registry.add(policy + "target", () -> "api");
    registry.add(policy + "steps[0].action", () -> "webhook");
    registry.add(policy + "steps[0].params.url", () -> SERVERS.url("/hook").toString());
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
    if (traceparent != null) {
      TRACEPARENTS.put(exchange.getRequestURI().getPath(), traceparent);
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @AfterAll
  static void stopServers() {
    SERVERS.close();
  }

  @BeforeEach
  void forgetEarlierSpans() {
    SPANS.reset();
    TRACEPARENTS.clear();
  }

  @Test
  @Order(1)
  void aCycleIsOneTraceWithASpanPerPhaseAndTheActionAndWebhookUnderTheExecuteSpan() {
    CycleReport report = loop.runOnce();
    assertThat(report.outcomes())
        .singleElement()
        .extracting(o -> o.status())
        .isEqualTo(OutcomeStatus.SUCCEEDED);

    List<SpanData> spans = SPANS.getFinishedSpanItems();
    SpanData cycle = only(spans, TraceNames.CYCLE);
    assertThat(cycle.getParentSpanContext().isValid()).isFalse();
    assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(cycle.getTraceId()));
    assertThat(cycle.getAttributes().get(AttributeKey.longKey(TraceNames.CYCLE_ID)))
        .isEqualTo(report.id());
    assertThat(cycle.getAttributes().get(AttributeKey.stringKey(TraceNames.MODE)))
        .isEqualTo("active");
    assertThat(longAttribute(cycle, TraceNames.OBSERVATIONS))
        .isEqualTo(report.snapshot().observations().size());
    assertThat(longAttribute(cycle, TraceNames.TARGETS_DOWN)).isEqualTo(1);
    assertThat(longAttribute(cycle, TraceNames.ANOMALIES)).isEqualTo(1);
    assertThat(longAttribute(cycle, TraceNames.ACTIONS)).isEqualTo(1);

    for (String phase : List.of("monitor", "analyze", "plan", "execute", "knowledge")) {
      SpanData span = only(spans, "mapek." + phase);
      assertThat(span.getParentSpanId()).as(phase).isEqualTo(cycle.getSpanId());
      assertThat(longAttribute(span, TraceNames.CYCLE_ID)).as(phase).isEqualTo(report.id());
    }
    SpanData monitor = only(spans, "mapek.monitor");
    assertThat(longAttribute(monitor, TraceNames.OBSERVATIONS))
        .isEqualTo(report.snapshot().observations().size());
    assertThat(longAttribute(monitor, TraceNames.TARGETS)).isEqualTo(2);
    assertThat(longAttribute(monitor, TraceNames.TARGETS_DOWN)).isEqualTo(1);
    assertThat(longAttribute(only(spans, "mapek.analyze"), TraceNames.ANOMALIES)).isEqualTo(1);
    assertThat(longAttribute(only(spans, "mapek.plan"), TraceNames.ACTIONS)).isEqualTo(1);
    assertThat(longAttribute(only(spans, "mapek.execute"), TraceNames.ACTIONS)).isEqualTo(1);
    assertThat(longAttribute(only(spans, "mapek.execute"), TraceNames.ACTIONS_FAILED)).isZero();
    theActionIsASpanOfTheExecuteSpanAndItsWebhookCarriesItsContext(report, spans);
  }

  @Test
  void scrapesAndProbesAreClientSpansOfTheMonitorSpanAndTellTheTargetTheirContext() {
    loop.runOnce();

    List<SpanData> spans = SPANS.getFinishedSpanItems();
    SpanData monitor = only(spans, "mapek.monitor");
    SpanData scrape = only(spans, TraceNames.SCRAPE);
    assertThat(scrape.getParentSpanId()).isEqualTo(monitor.getSpanId());
    assertThat(scrape.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(scrape.getAttributes().get(AttributeKey.stringKey(TraceNames.TARGET)))
        .isEqualTo("shop");
    assertThat(scrape.getAttributes().get(AttributeKey.stringKey(TraceNames.URL)))
        .isEqualTo(SERVERS.url("/metrics").toString());
    assertThat(longAttribute(scrape, TraceNames.HTTP_STATUS)).isEqualTo(200);
    assertThat(longAttribute(scrape, TraceNames.SAMPLES)).isEqualTo(1);
    assertThat(scrape.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(TRACEPARENTS.get("/metrics")).isEqualTo(traceparent(scrape));

    SpanData probe = only(spans, TraceNames.PROBE);
    assertThat(probe.getParentSpanId()).isEqualTo(monitor.getSpanId());
    assertThat(longAttribute(probe, TraceNames.HTTP_STATUS)).isEqualTo(503);
    assertThat(probe.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(probe.getStatus().getDescription()).isEqualTo("HTTP 503, expected 200");
    assertThat(TRACEPARENTS.get("/health")).isEqualTo(traceparent(probe));
  }

  /** The first cycle acts; later ones find the incident already being handled. */
  private void theActionIsASpanOfTheExecuteSpanAndItsWebhookCarriesItsContext(
      CycleReport report, List<SpanData> spans) {
    SpanData action = only(spans, TraceNames.ACTION);
    assertThat(action.getParentSpanId()).isEqualTo(only(spans, "mapek.execute").getSpanId());
    assertThat(action.getAttributes().get(AttributeKey.stringKey(TraceNames.ACTION_KIND)))
        .isEqualTo("webhook");
    assertThat(action.getAttributes().get(AttributeKey.stringKey(TraceNames.ACTION_ID)))
        .isEqualTo(report.plan().actions().get(0).id());
    assertThat(action.getAttributes().get(AttributeKey.stringKey(TraceNames.TARGET)))
        .isEqualTo("api");
    assertThat(action.getAttributes().get(AttributeKey.stringKey(TraceNames.ACTION_STATUS)))
        .isEqualTo("SUCCEEDED");

    SpanData webhook = only(spans, TraceNames.WEBHOOK);
    assertThat(webhook.getParentSpanId()).isEqualTo(action.getSpanId());
    assertThat(webhook.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(webhook.getAttributes().get(AttributeKey.stringKey(TraceNames.HTTP_METHOD)))
        .isEqualTo("POST");
    assertThat(longAttribute(webhook, TraceNames.HTTP_STATUS)).isEqualTo(200);
    assertThat(TRACEPARENTS.get("/hook")).isEqualTo(traceparent(webhook));
  }

  @Test
  void eachCycleIsATraceOfItsOwn() {
    loop.runOnce();
    loop.runOnce();

    List<SpanData> cycles =
        SPANS.getFinishedSpanItems().stream()
            .filter(s -> s.getName().equals(TraceNames.CYCLE))
            .toList();
    assertThat(cycles).hasSize(2);
    assertThat(cycles.get(0).getTraceId()).isNotEqualTo(cycles.get(1).getTraceId());
  }

  /**
   * Prometheus 2.x refuses a whole scrape when an exemplar sits on a {@code _count} line, so the
   * trace ids go only on histogram buckets and counter totals, where OpenMetrics allows them.
   */
  @Test
  void exemplarsLinkCycleDurationsToTracesOnlyWhereOpenMetricsAllowsThem() {
    loop.runOnce();
    String scrape =
        context
            .getBean(io.micrometer.prometheusmetrics.PrometheusMeterRegistry.class)
            .scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");

    List<String> withExemplar = scrape.lines().filter(l -> l.contains(" # {")).toList();
    assertThat(withExemplar)
        .anySatisfy(l -> assertThat(l).startsWith("mapek_cycle_duration_seconds_bucket{"))
        .allSatisfy(l -> assertThat(l.substring(0, l.indexOf('{'))).matches(".*(_bucket|_total)"));
  }

  @Test
  void nothingIsExportedAndNoMetricsArePushedWithoutAnEndpoint() {
    assertThat(context.getBeanNamesForType(SpanExporter.class)).isEmpty();
    assertThat(context.getEnvironment().getProperty("management.otlp.metrics.export.enabled"))
        .isEqualTo("false");
    assertThat(context.getBeanNamesForType(io.micrometer.registry.otlp.OtlpMeterRegistry.class))
        .isEmpty();
  }

  private static SpanData only(List<SpanData> spans, String name) {
    List<SpanData> named = spans.stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }

  private static Long longAttribute(SpanData span, String key) {
    return span.getAttributes().get(AttributeKey.longKey(key));
  }

  private static String traceparent(SpanData span) {
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-01";
  }
}
