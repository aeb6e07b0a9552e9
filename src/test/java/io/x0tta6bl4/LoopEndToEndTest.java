package io.x0tta6bl4;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.monitor.MetricSource;
import io.x0tta6bl4.testsupport.MutableClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on real H2, a real HTTP server and a real webhook receiver: cycles are driven
 * through the API while a test clock moves, so a single spike and a sustained fault can be told
 * apart without waiting.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "x0tta6bl4.loop.start-paused=true",
      "spring.datasource.url=jdbc:h2:mem:e2e;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "x0tta6bl4.monitor.self.data-directory=target/e2e-data",
      "x0tta6bl4.analyzer.adaptive.enabled=false",
      "x0tta6bl4.analyzer.thresholds[0].name=queue-deep",
      "x0tta6bl4.analyzer.thresholds[0].series=queue_depth",
      "x0tta6bl4.analyzer.thresholds[0].op=above",
      "x0tta6bl4.analyzer.thresholds[0].threshold=100",
      "x0tta6bl4.analyzer.thresholds[0].clear=50",
      "x0tta6bl4.analyzer.thresholds[0].for=2s",
      "x0tta6bl4.analyzer.thresholds[0].symptom=backlog",
      "x0tta6bl4.analyzer.thresholds[0].severity=critical",
      "x0tta6bl4.analyzer.thresholds[1].name=cpu-hot",
      "x0tta6bl4.analyzer.thresholds[1].series=cpu_usage",
      "x0tta6bl4.analyzer.thresholds[1].op=above",
      "x0tta6bl4.analyzer.thresholds[1].threshold=0.9",
      "x0tta6bl4.analyzer.thresholds[1].clear=0.7",
      "x0tta6bl4.analyzer.thresholds[1].for=0s",
      "x0tta6bl4.analyzer.thresholds[1].symptom=saturation",
      "x0tta6bl4.analyzer.thresholds[2].name=cert-expiring",
      "x0tta6bl4.analyzer.thresholds[2].series=cert_days_left",
      "x0tta6bl4.analyzer.thresholds[2].op=below",
      "x0tta6bl4.analyzer.thresholds[2].threshold=7",
      "x0tta6bl4.analyzer.thresholds[2].for=0s",
      "x0tta6bl4.analyzer.thresholds[2].symptom=cert_expiring",
      "spring.main.allow-bean-definition-overriding=true"
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoopEndToEndTest {

  private static final HttpServer RECEIVER = startReceiver();
  private static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private static volatile double queueDepth = 10;
  private static volatile double cpuUsage = 0.2;
  private static volatile double certDaysLeft = 30;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;
  @LocalManagementPort int managementPort;
  @Autowired JdbcTemplate jdbc;

  @TestConfiguration(proxyBeanMethods = false)
  static class TestTarget {
    @Bean
    MetricSource checkout() {
      return new MetricSource() {
        @Override
        public String target() {
          return "checkout";
        }

        @Override
        public List<Observation> collect(Instant now) {
          return List.of(
              new Observation("checkout", "queue_depth", queueDepth),
              new Observation("checkout", "cpu_usage", cpuUsage),
              new Observation("checkout", "cert_days_left", certDaysLeft));
        }
      };
    }

    @Bean
    @Primary
    Clock clock() {
      return CLOCK;
    }
  }

  @DynamicPropertySource
  static void webhook(DynamicPropertyRegistry registry) {
    // a list binds from one property source only, so the whole policy is declared here
    String policy = "x0tta6bl4.planner.policies[0].";
    registry.add(policy + "name", () -> "drain");
    registry.add(policy + "symptom", () -> "backlog");
    registry.add(policy + "target", () -> "checkout");
    registry.add(policy + "escalate-after", () -> "0s");
    registry.add(policy + "steps[0].action", () -> "webhook");
    String shed = "x0tta6bl4.planner.policies[1].";
    registry.add(shed + "name", () -> "shed-load");
    registry.add(shed + "symptom", () -> "saturation");
    registry.add(shed + "steps[0].action", () -> "readiness");
    registry.add(shed + "steps[0].params.state", () -> "out");
    registry.add(shed + "recovery[0].action", () -> "readiness");
    registry.add(shed + "recovery[0].params.state", () -> "in");
    String renew = "x0tta6bl4.planner.policies[2].";
    registry.add(renew + "name", () -> "renew-cert");
    registry.add(renew + "symptom", () -> "cert_expiring");
    registry.add(renew + "steps[0].action", () -> "log");
    registry.add(renew + "steps[0].approval", () -> "required");
    registry.add(
        "x0tta6bl4.planner.policies[0].steps[0].params.url",
        () -> "http://127.0.0.1:" + RECEIVER.getAddress().getPort() + "/hook");
  }

  @AfterAll
  static void stopReceiver() {
    RECEIVER.stop(0);
  }

  @Test
  @Order(1)
  void aSingleSpikeLeadsToNothing() throws Exception {
    long firstCycle = runCycleAt(500).path("summary").path("id").asLong();
    for (int i = 0; i < 3; i++) {
      runCycleAt(10);
    }

    assertThat(count("select count(*) from anomalies")).isZero();
    assertThat(count("select count(*) from actions")).isZero();
    assertThat(count("select count(*) from cycles where id >= " + firstCycle)).isEqualTo(4);
    assertThat(RECEIVED).isEmpty();
  }

  @Test
  @Order(2)
  void aSustainedFaultLeadsToAnAnomalyAPlanAnExecutedActionAndPersistedRows() throws Exception {
    runCycleAt(500);
    runCycleAt(500);
    JsonNode acted = runCycleAt(500);

    assertThat(acted.path("anomalies")).hasSize(1);
    JsonNode anomaly = acted.path("anomalies").get(0);
    assertThat(anomaly.path("symptom").asString()).isEqualTo("backlog");
    assertThat(anomaly.path("evidence").path("reason").asString()).contains("queue_depth");
    JsonNode action = acted.path("plan").path("actions").get(0);
    assertThat(action.path("kind").asString()).isEqualTo("webhook");
    assertThat(action.path("target").asString()).isEqualTo("checkout");
    assertThat(acted.path("outcomes").get(0).path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(RECEIVED).singleElement().asString().contains(action.path("id").asString());

    long id = acted.path("summary").path("id").asLong();
    JsonNode stored = get("/api/v1/cycles/" + id);
    assertThat(stored.path("plan").path("actions").get(0).path("id").asString())
        .isEqualTo(action.path("id").asString());
    assertThat(count("select count(*) from anomalies where cycle_id = " + id)).isEqualTo(1);
    assertThat(count("select count(*) from actions where cycle_id = " + id)).isEqualTo(1);
    assertThat(get("/api/v1/actions?status=SUCCEEDED").path("total").asLong()).isEqualTo(1);
    assertThat(get("/api/v1/anomalies?symptom=backlog").path("total").asLong()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void aFaultThatOutlivesTheLastStepIsEscalatedNotRepeated() throws Exception {
    JsonNode verifying = runCycleAt(500);
    for (int i = 0; i < 5; i++) {
      runCycleAt(500);
    }

    assertThat(RECEIVED).hasSize(1);
    assertThat(verifying.path("plan").path("incidents").get(0).path("state").asString())
        .isEqualTo("ESCALATED");
    JsonNode incidents = get("/api/v1/incidents?target=checkout");
    assertThat(incidents.path("total").asLong()).isEqualTo(1);
    JsonNode incident = incidents.path("items").get(0);
    assertThat(incident.path("state").asString()).isEqualTo("ESCALATED");
    assertThat(incident.path("symptom").asString()).isEqualTo("backlog");
    JsonNode timeline = get("/api/v1/incidents/" + incident.path("id").asString()).path("timeline");
    assertThat(timeline.findValuesAsString("state"))
        .containsExactly("DETECTED", "REMEDIATING", "ESCALATED");
    assertThat(timeline.get(1).path("outcome").path("status").asString()).isEqualTo("SUCCEEDED");
  }

  @Test
  @Order(4)
  void healthReadinessAndMetricsReflectTheLoop() throws Exception {
    HttpResponse<String> health = raw("http://127.0.0.1:" + port + "/health");
    HttpResponse<String> ready = raw("http://127.0.0.1:" + port + "/ready");
    HttpResponse<String> metrics = raw("http://127.0.0.1:" + managementPort + "/metrics");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json.readTree(health.body()).path("status").asString()).isEqualTo("ok");
    assertThat(json.readTree(health.body()).path("version").asString()).isEqualTo("3.1.0");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("mapek_cycle_duration_seconds_bucket{phase=\"analyze\"")
        .contains("mapek_actions_total{action=\"webhook\",status=\"succeeded\"} 1.0")
        .contains("mapek_anomalies_total{symptom=\"backlog\"}")
        .contains("mapek_incidents_open 1.0")
        .contains("mapek_target_up{target=\"checkout\"} 1.0");
  }

  @Test
  @Order(5)
  void theScheduledLoopRunsCyclesOnItsOwnAfterResume() throws Exception {
    queueDepth = 10;
    long before = get("/api/v1/loop").path("lastCycleId").asLong();
    patch("/api/v1/loop", "{\"interval\":\"100ms\"}");
    post("/api/v1/loop/resume");

    long after = before;
    for (int i = 0; i < 100 && after < before + 3; i++) {
      Thread.sleep(100);
      after = get("/api/v1/loop").path("lastCycleId").asLong();
    }
    JsonNode paused = post("/api/v1/loop/pause");

    assertThat(after).isGreaterThanOrEqualTo(before + 3);
    assertThat(paused.path("status").asString()).isEqualTo("paused");
  }

  @Test
  @Order(6)
  void saturationTakesTheControllerOutOfReadinessAndRecoveryPutsItBack() throws Exception {
    String ready = "http://127.0.0.1:" + port + "/ready";
    cpuUsage = 0.95;
    JsonNode saturated = runCycleAt(10);
    int whileSaturated = raw(ready).statusCode();
    cpuUsage = 0.8;
    JsonNode stillHot = runCycleAt(10);
    cpuUsage = 0.3;
    JsonNode recovered = runCycleAt(10);

    assertThat(
            saturated.path("plan").path("actions").get(0).path("params").path("state").asString())
        .isEqualTo("out");
    assertThat(saturated.path("outcomes").get(0).path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(whileSaturated).isEqualTo(503);
    assertThat(stillHot.path("plan").path("actions")).as("inside the hysteresis band").isEmpty();
    assertThat(recovered.path("plan").path("actions").get(0).path("step").asInt()).isEqualTo(-1);
    assertThat(recovered.path("outcomes").get(0).path("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(raw(ready).statusCode()).isEqualTo(200);
    assertThat(raw("http://127.0.0.1:" + managementPort + "/metrics").body())
        .contains("mapek_time_to_recover_seconds_count{symptom=\"saturation\"} 1");
  }

  @Test
  @Order(7)
  void anActionThatNeedsApprovalWaitsUntilAnOperatorApprovesIt() throws Exception {
    certDaysLeft = 3;
    JsonNode planned = runCycleAt(10);
    String id = planned.path("plan").path("actions").get(0).path("id").asString();
    JsonNode pending = getArray("/api/v1/actions/pending");
    HttpResponse<String> approved =
        send(
            HttpRequest.newBuilder(uri("/api/v1/actions/" + id + "/approve"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> again =
        send(
            HttpRequest.newBuilder(uri("/api/v1/actions/" + id + "/approve"))
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(planned.path("outcomes").get(0).path("status").asString())
        .isEqualTo("AWAITING_APPROVAL");
    assertThat(pending.findValuesAsString("id")).containsExactly(id);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    assertThat(json.readTree(approved.body()).path("outcome").path("status").asString())
        .isEqualTo("SUCCEEDED");
    assertThat(get("/api/v1/actions/" + id).path("outcome").path("status").asString())
        .isEqualTo("SUCCEEDED");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json.readTree(again.body()).path("detail").asString())
        .isEqualTo("action " + id + " is not waiting for approval");
    certDaysLeft = 30;
  }

  private JsonNode getArray(String path) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode runCycleAt(double depth) throws Exception {
    queueDepth = depth;
    CLOCK.advance(Duration.ofSeconds(1));
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/api/v1/cycles"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json.readTree(response.body());
  }

  private long count(String sql) {
    return jdbc.queryForObject(sql, Long.class);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode post(String path) throws Exception {
    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private JsonNode patch(String path, String body) throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private HttpResponse<String> raw(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static HttpServer startReceiver() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/hook",
          exchange -> {
            RECEIVED.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
