package io.x0tta6bl4.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private final Faults faults = new Faults();

  @Test
  void aHealthyServiceAnswersHealthyAndReportsItsBaseMemory() {
    assertThat(faults.onHealthRequest()).isTrue();
    faults.answered(true, 2_500_000);

    assertThat(faults.onMetricsRequest())
        .contains("demo_requests_total{path=\"/health\"} 1\n")
        .contains("demo_requests_total{path=\"/metrics\"} 1\n")
        .contains("demo_errors 0\n")
        .contains("demo_memory_bytes 52428800\n")
        .contains("demo_latency_seconds 0.002500\n");
  }

  @Test
  void errorsMakeEveryHealthRequestUnhealthyUntilCleared() {
    faults.inject("errors", null);
    assertThat(faults.onHealthRequest()).isFalse();
    faults.answered(false, 0);
    assertThat(faults.onMetricsRequest()).contains("demo_errors 1\n");

    faults.inject("clear", null);
    assertThat(faults.onHealthRequest()).isTrue();
  }

  @Test
  void flapAlternatesUnhealthyAndHealthyEveryNRequests() {
    faults.inject("flap", "every=2");
    List<Boolean> answers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      answers.add(faults.onHealthRequest());
    }
    assertThat(answers).containsExactly(false, false, true, true, false, false, true, true);
  }

  @Test
  void aLeakGrowsTheMemoryGaugeByOneStepPerRequestAndClearStopsIt() {
    faults.inject("leak", "step=1000");
    faults.onHealthRequest();
    faults.onHealthRequest();
    assertThat(faults.onMetricsRequest()).contains("demo_memory_bytes 52431800\n");

    faults.inject("clear", null);
    faults.onHealthRequest();
    assertThat(faults.onMetricsRequest()).contains("demo_memory_bytes 52431800\n");
  }

  @Test
  void latencyAndHangAreReportedToTheServer() {
    assertThat(faults.inject("latency", "ms=250")).isEqualTo("fault latency {ms=250}");
    assertThat(faults.latencyMillis()).isEqualTo(250);
    faults.inject("hang", null);
    assertThat(faults.hanging()).isTrue();
    faults.inject("clear", null);
    assertThat(faults.hanging()).isFalse();
    assertThat(faults.latencyMillis()).isZero();
  }

  @Test
  void anUnknownFaultOrABadValueIsRefusedNamingWhatIsKnown() {
    assertThat(faults.inject("melt", null)).startsWith("unknown fault 'melt'").contains("leak");
    assertThat(faults.inject("latency", "ms=-5")).startsWith("unknown value");
    assertThat(faults.latencyMillis()).isZero();
  }

  @Test
  void theServeCommandUsesThisJvmsClassPath() {
    assertThat(DemoTarget.serveCommand(8081))
        .contains("-cp", System.getProperty("java.class.path"))
        .endsWith(DemoTarget.class.getName(), "serve", "8081");
  }
}
