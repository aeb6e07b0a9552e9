package io.x0tta6bl4.mapek.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetDownDetectorTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private final TargetDownDetector detector = new TargetDownDetector(2, 2);
  private long cycle;

  private List<Anomaly> cycle(TargetStatus... targets) {
    cycle++;
    return detector.detect(new Snapshot(cycle, T0.plusSeconds(cycle), List.of(), List.of(targets)));
  }

  private static TargetStatus up(String id) {
    return new TargetStatus(id, true, "", Duration.ZERO);
  }

  private static TargetStatus down(String id) {
    return new TargetStatus(id, false, "ConnectException: connection refused", Duration.ZERO);
  }

  @Test
  void oneFailedObservationIsNotAnAnomaly() {
    assertThat(cycle(down("api"))).isEmpty();
    assertThat(cycle(up("api"))).isEmpty();
    assertThat(cycle(down("api"))).isEmpty();
  }

  @Test
  void consecutiveFailuresBecomeTargetDownWithEvidence() {
    cycle(up("api"));
    cycle(down("api"));

    List<Anomaly> anomalies = cycle(down("api"), up("web"));

    assertThat(anomalies)
        .singleElement()
        .satisfies(
            anomaly -> {
              assertThat(anomaly.target()).isEqualTo("api");
              assertThat(anomaly.symptom()).isEqualTo("target_down");
              assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(anomaly.evidence().since()).isEqualTo(T0.plusSeconds(2));
              assertThat(anomaly.evidence().recent()).containsExactly(0.0, 0.0);
              assertThat(anomaly.evidence().reason())
                  .isEqualTo("down for 2 consecutive cycles: ConnectException: connection refused");
            });
  }

  @Test
  void aFiringTargetClearsOnlyAfterEnoughConsecutiveSuccesses() {
    cycle(down("api"));
    cycle(down("api"));

    List<Anomaly> oneUp = cycle(up("api"));
    List<Anomaly> downAgain = cycle(down("api"));
    cycle(up("api"));
    List<Anomaly> twoUps = cycle(up("api"));

    assertThat(oneUp)
        .singleElement()
        .satisfies(a -> assertThat(a.evidence().reason()).startsWith("up for 1 of the 2 cycles"));
    assertThat(downAgain).hasSize(1);
    assertThat(downAgain.get(0).evidence().since()).isEqualTo(T0.plusSeconds(1));
    assertThat(twoUps).isEmpty();
  }

  @Test
  void aTargetThatDisappearsIsForgotten() {
    cycle(down("api"));
    cycle();

    assertThat(cycle(down("api"))).isEmpty();
  }

  @Test
  void recentValuesAreBounded() {
    List<Anomaly> last = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      last = cycle(down("api"));
    }

    assertThat(last.get(0).evidence().recent()).hasSize(10);
  }

  @Test
  void invalidSettingsNameTheKey() {
    assertThatThrownBy(() -> new AnalyzerProperties.TargetDown(0, 1))
        .hasMessage("x0tta6bl4.analyzer.target-down.failures must be at least 1, but was 0");
  }
}
