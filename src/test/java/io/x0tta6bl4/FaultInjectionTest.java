package io.x0tta6bl4;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.MapeKLoop;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.SuppressedAction;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.testsupport.DemoProcess;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The fault-injection suite: a real demo process on loopback, probed on {@code /health} (target
 * {@code demo}, 500 ms timeout) and scraped on {@code /metrics} (target {@code demo-metrics}), is
 * broken on purpose while the loop runs cycle by cycle under a test clock (1 s per cycle). For each
 * fault the controller must detect it, restart the process with a {@code command} action, and see
 * it recover — and never act on a healthy target, nor more than once per cooldown.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "x0tta6bl4.loop.start-paused=true",
      "spring.datasource.url=jdbc:h2:mem:faults;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
      "x0tta6bl4.monitor.self.enabled=false",
      "x0tta6bl4.analyzer.adaptive.enabled=false",
      "x0tta6bl4.analyzer.target-down.failures=2",
      "x0tta6bl4.executor.action-timeout=20s",
      // the demo's emulated memory starts at 50 MiB; a leak of 1 MiB per request crosses this
      // within two cycles (a probe and a scrape per cycle), and a restart brings it back to 50 MiB
      "x0tta6bl4.analyzer.thresholds[0].name=demo-memory",
      "x0tta6bl4.analyzer.thresholds[0].series=demo_memory_bytes",
      "x0tta6bl4.analyzer.thresholds[0].target=demo-metrics",
      "x0tta6bl4.analyzer.thresholds[0].op=above",
      "x0tta6bl4.analyzer.thresholds[0].threshold=55050240",
      "x0tta6bl4.analyzer.thresholds[0].clear=53477376",
      "x0tta6bl4.analyzer.thresholds[0].for=0s",
      "x0tta6bl4.analyzer.thresholds[0].symptom=memory_pressure",
      "x0tta6bl4.analyzer.thresholds[0].severity=critical",
      "spring.main.allow-bean-definition-overriding=true"
    })
class FaultInjectionTest {

  private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private static final String COOLDOWN = "10s";
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
    demo.addTarget(registry, 1, "demo-metrics", "prometheus", "/metrics");
    demo.addRestartPolicy(registry, 0, "target_down", "demo", COOLDOWN);
    demo.addRestartPolicy(registry, 1, "memory_pressure", "demo-metrics", COOLDOWN);
  }

  @AfterAll
  static void stopDemo() throws Exception {
    demo.stop();
  }

  /** Each fault starts on a healthy target with every earlier cooldown and episode behind it. */
  @BeforeEach
  void healthyAndCooledDown() throws Exception {
    demo.fault("clear");
    CLOCK.advance(Duration.ofMinutes(1));
    CycleReport report = cycle();
    assertThat(status(report, "demo").up()).as(status(report, "demo").reason()).isTrue();
    assertThat(report.anomalies()).isEmpty();
  }

  @Test
  void aHealthyTargetUnderNormalNoiseLeadsToNoActionAtAll() throws Exception {
    List<CycleReport> reports = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      // latency jitter well inside the 500 ms timeout, and now and then one failed probe
      demo.fault("latency?ms=" + (i * 37) % 120);
      boolean blip = i % 10 == 5;
      if (blip) {
        demo.fault("errors");
      }
      reports.add(cycle());
      if (blip) {
        demo.fault("clear");
      }
    }

    assertThat(reports).filteredOn(r -> !status(r, "demo").up()).hasSize(3);
    assertThat(reports).flatMap(CycleReport::anomalies).isEmpty();
    assertThat(reports).flatMap(r -> r.plan().actions()).isEmpty();
    assertThat(reports).flatMap(r -> r.plan().suppressed()).isEmpty();
    assertThat(reports).flatMap(CycleReport::outcomes).isEmpty();
  }

  @Test
  void anErrorBurstIsDetectedRestartedAndSeenRecovered() throws Exception {
    long before = demo.pid();
    demo.fault("errors");

    CycleReport firstFailure = cycle();
    CycleReport detected = cycle();
    CycleReport verified = cycle();

    assertThat(status(firstFailure, "demo").reason()).contains("HTTP 503");
    assertThat(firstFailure.anomalies()).isEmpty();
    assertRestartedOn(detected, "demo", "target_down");
    assertThat(demo.pid()).isNotEqualTo(before);
    assertThat(status(verified, "demo").up()).isTrue();
    assertThat(verified.anomalies()).isEmpty();
  }

  @Test
  void aLatencySpikeBeyondTheTimeoutIsDetectedRestartedAndSeenRecovered() throws Exception {
    demo.fault("latency?ms=2000");

    CycleReport firstFailure = cycle();
    CycleReport detected = cycle();
    CycleReport verified = cycle();

    assertThat(status(firstFailure, "demo").reason()).contains("timed out");
    assertThat(status(firstFailure, "demo-metrics").up()).isTrue();
    assertRestartedOn(detected, "demo", "target_down");
    assertThat(status(verified, "demo").up()).isTrue();
    assertThat(verified.anomalies()).isEmpty();
  }

  @Test
  void aFlappingTargetIsRestartedAtMostOncePerCooldown() throws Exception {
    demo.fault("flap?every=2");
    int restarts = 0;
    List<SuppressedAction> suppressed = new ArrayList<>();
    List<Boolean> ups = new ArrayList<>();
    // 9 cycles of 1 s: all inside the 10 s cooldown of the first restart
    for (int i = 0; i < 9; i++) {
      CycleReport report = cycle();
      ups.add(status(report, "demo").up());
      suppressed.addAll(report.plan().suppressed());
      if (!report.plan().actions().isEmpty()) {
        restarts += report.plan().actions().size();
        // the restarted process flaps again at once: a restart does not fix this fault
        demo.fault("flap?every=2");
      }
    }

    assertThat(ups).contains(true, false);
    assertThat(restarts).isEqualTo(1);
    assertThat(suppressed)
        .isNotEmpty()
        .extracting(SuppressedAction::guard)
        .containsOnly("cooldown");
  }

  @Test
  void slowMemoryGrowthIsDetectedByAThresholdRuleAndClearedByARestart() throws Exception {
    long before = demo.pid();
    demo.fault("leak?step=1048576");

    CycleReport growing = cycle();
    CycleReport detected = cycle();
    CycleReport verified = cycle();

    assertThat(growing.anomalies()).isEmpty();
    assertThat(detected.anomalies())
        .singleElement()
        .satisfies(a -> assertThat(a.evidence().series()).isEqualTo("demo_memory_bytes"));
    assertRestartedOn(detected, "demo-metrics", "memory_pressure");
    assertThat(demo.pid()).isNotEqualTo(before);
    assertThat(verified.anomalies()).isEmpty();
    assertThat(verified.snapshot().observations())
        .filteredOn(o -> o.series().equals("demo_memory_bytes"))
        .singleElement()
        .satisfies(o -> assertThat(o.value()).isEqualTo(50.0 * 1024 * 1024));
  }

  private static void assertRestartedOn(CycleReport report, String target, String symptom) {
    assertThat(report.anomalies())
        .extracting(Anomaly::target, Anomaly::symptom)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(target, symptom));
    assertThat(report.plan().actions())
        .singleElement()
        .satisfies(a -> assertThat(a.kind()).isEqualTo("command"));
    Outcome outcome = report.outcomes().get(0);
    assertThat(outcome.status()).as(outcome.message()).isEqualTo(OutcomeStatus.SUCCEEDED);
  }

  private CycleReport cycle() {
    CLOCK.advance(Duration.ofSeconds(1));
    return loop.runOnce();
  }

  private static TargetStatus status(CycleReport report, String target) {
    return report.snapshot().targets().stream()
        .filter(t -> t.target().equals(target))
        .findFirst()
        .orElseThrow();
  }
}
