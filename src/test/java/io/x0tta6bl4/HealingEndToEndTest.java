package io.x0tta6bl4;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.MapeKLoop;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.testsupport.DemoProcess;
import io.x0tta6bl4.testsupport.MutableClock;
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
  private static DemoProcess demo;

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
    demo = DemoProcess.start();
    demo.addTarget(registry, 0, "demo", "http", "/health");
    registry.add("x0tta6bl4.monitor.targets[0].json-pointer", () -> "/status");
    registry.add("x0tta6bl4.monitor.targets[0].expected-json-value", () -> "UP");
    demo.addRestartPolicy(registry, 0, "target_down", "demo", "10s");
  }

  @AfterAll
  static void stopDemo() throws Exception {
    demo.stop();
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
    long killed = demo.pid();
    demo.stop();

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
    assertThat(demo.pid()).isNotEqualTo(killed);
    assertThat(status(verified).up()).isTrue();
    assertThat(verified.anomalies()).isEmpty();
    assertThat(demo.status("/health")).isEqualTo(200);
  }

  @Test
  @Order(3)
  void aHungProcessIsDetectedByTimeoutAndRestarted() throws Exception {
    demo.fault("hang");
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
    demo.fault("errors");
    CLOCK.advance(Duration.ofSeconds(30));
    int restarts = 0;
    for (int i = 0; i < 6; i++) {
      CycleReport report = cycle();
      restarts += report.plan().actions().size();
      if (!report.plan().actions().isEmpty()) {
        // the restarted process comes back healthy; break it again at once, like a bad release
        demo.fault("errors");
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
}
