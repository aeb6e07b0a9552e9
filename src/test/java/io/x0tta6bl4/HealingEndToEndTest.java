package io.x0tta6bl4;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.MapeKLoop;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.testsupport.DemoTarget;
import io.x0tta6bl4.testsupport.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The controller heals a real process: a demo service runs on loopback, is killed with kill -9 or
 * made to hang, and the controller detects it (target_down after two failed probes), restarts it
 * with a {@code command} action (no shell), and sees it recover.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "x0tta6bl4.loop.start-paused=true",
      "spring.datasource.url=jdbc:h2:mem:healing;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "x0tta6bl4.monitor.self.enabled=false",
      "x0tta6bl4.analyzer.adaptive.enabled=false",
      "x0tta6bl4.analyzer.target-down.failures=2",
      "x0tta6bl4.executor.action-timeout=20s",
      "spring.main.allow-bean-definition-overriding=true"
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealingEndToEndTest {

  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private static Path work;
  private static int port;

  @Autowired MapeKLoop loop;

  @TestConfiguration(proxyBeanMethods = false)
  static class TestClock {
    @Bean
    @Primary
    Clock clock() {
      return CLOCK;
    }
  }

  @DynamicPropertySource
  static void demo(DynamicPropertyRegistry registry) throws Exception {
    work = Files.createTempDirectory("x0-demo");
    port = freePort();
    DemoTarget.start(port, pidFile(), work.resolve("demo.log"));
    String target = "x0tta6bl4.monitor.targets[0].";
    registry.add(target + "id", () -> "demo");
    registry.add(target + "kind", () -> "http");
    registry.add(target + "url", () -> "http://127.0.0.1:" + port + "/health");
    registry.add(target + "timeout", () -> "500ms");
    registry.add(target + "json-pointer", () -> "/status");
    registry.add(target + "expected-json-value", () -> "UP");
    String policy = "x0tta6bl4.planner.policies[0].";
    registry.add(policy + "name", () -> "restart-demo");
    registry.add(policy + "symptom", () -> "target_down");
    registry.add(policy + "target", () -> "demo");
    registry.add(policy + "escalate-after", () -> "3s");
    registry.add(policy + "steps[0].action", () -> "command");
    registry.add(policy + "steps[0].cooldown", () -> "10s");
    // the class path is longer than one argument may be, so it goes in a java @argument file
    Path javaArgs = work.resolve("java.args");
    Files.writeString(javaArgs, "-cp \"" + System.getProperty("java.class.path") + "\"\n");
    String[] argv = {
      Path.of(System.getProperty("java.home"), "bin", "java").toString(),
      "@" + javaArgs,
      DemoTarget.class.getName(),
      "start",
      Integer.toString(port),
      pidFile().toString(),
      work.resolve("demo.log").toString()
    };
    for (int i = 0; i < argv.length; i++) {
      String value = argv[i];
      registry.add(policy + "steps[0].params.argv[" + i + "]", () -> value);
    }
  }

  @AfterAll
  static void stopDemo() throws Exception {
    DemoTarget.stop(pidFile());
  }

  @Test
  @Order(1)
  void aHealthyTargetLeadsToNoAction() {
    for (int i = 0; i < 3; i++) {
      CycleReport report = cycle();
      assertThat(status(report).up()).as(status(report).reason()).isTrue();
      assertThat(report.plan().actions()).isEmpty();
    }
  }

  @Test
  @Order(2)
  void aKilledProcessIsDetectedRestartedAndSeenRecovered() throws Exception {
    long killed = pid();
    DemoTarget.stop(pidFile());

    CycleReport firstFailure = cycle();
    CycleReport detected = cycle();
    CycleReport verified = cycle();

    assertThat(status(firstFailure).up()).isFalse();
    assertThat(firstFailure.anomalies()).isEmpty();
    assertThat(detected.anomalies()).extracting(a -> a.symptom()).containsExactly("target_down");
    Action restart = detected.plan().actions().get(0);
    assertThat(restart.kind()).isEqualTo("command");
    assertThat(detected.outcomes().get(0).status())
        .as(detected.outcomes().get(0).message())
        .isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(pid()).isNotEqualTo(killed);
    assertThat(status(verified).up()).isTrue();
    assertThat(verified.anomalies()).isEmpty();
    assertThat(healthOfDemo()).isEqualTo(200);
  }

  @Test
  @Order(3)
  void aHungProcessIsDetectedByTimeoutAndRestarted() throws Exception {
    post("/fault/hang");
    CLOCK.advance(Duration.ofSeconds(30));

    CycleReport firstFailure = cycle();
    CycleReport detected = cycle();
    CycleReport verified = cycle();

    assertThat(status(firstFailure).reason()).contains("timed out");
    assertThat(detected.outcomes())
        .extracting(o -> o.status())
        .containsExactly(OutcomeStatus.SUCCEEDED);
    assertThat(status(verified).up()).isTrue();
  }

  @Test
  @Order(4)
  void aFaultThatPersistsIsNotRestartedAgainInsideTheCooldown() throws Exception {
    post("/fault/errors");
    CLOCK.advance(Duration.ofSeconds(30));
    int restarts = 0;
    for (int i = 0; i < 6; i++) {
      CycleReport report = cycle();
      restarts += report.plan().actions().size();
      if (!report.plan().actions().isEmpty()) {
        // the restarted process comes back healthy; break it again at once, like a bad release
        post("/fault/errors");
      }
    }

    assertThat(restarts).isEqualTo(1);
  }

  private CycleReport cycle() {
    CLOCK.advance(Duration.ofSeconds(1));
    return loop.runOnce();
  }

  private static TargetStatus status(CycleReport report) {
    return report.snapshot().targets().stream()
        .filter(t -> t.target().equals("demo"))
        .findFirst()
        .orElseThrow();
  }

  private static Path pidFile() {
    return work.resolve("demo.pid");
  }

  private static long pid() throws IOException {
    return Long.parseLong(Files.readString(pidFile()).trim());
  }

  private static int healthOfDemo() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void post(String path) throws Exception {
    HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
