package io.x0tta6bl4.mapek.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertDetectorTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private final AlertInbox inbox = new AlertInbox(Duration.ofHours(1));
  private final AlertDetector detector =
      new AlertDetector(inbox, List.of("x0_target", "job"), List.of("x0_symptom", "alertname"));

  private static Alert firing(String fingerprint, Map<String, String> labels) {
    return new Alert(fingerprint, true, labels, Map.of("summary", "p99 above 1s"), T0, null);
  }

  private List<Anomaly> detectAt(Instant at) {
    return detector.detect(Snapshot.empty(1, at));
  }

  @Test
  void aFiringAlertBecomesAnAnomalyOfItsTargetAndSymptom() {
    inbox.receive(
        List.of(
            firing(
                "a1",
                Map.of("alertname", "HighLatency", "job", "checkout", "severity", "critical"))),
        T0);

    assertThat(detectAt(T0.plusSeconds(1)))
        .singleElement()
        .satisfies(
            anomaly -> {
              assertThat(anomaly.target()).isEqualTo("checkout");
              assertThat(anomaly.symptom()).isEqualTo("HighLatency");
              assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(anomaly.evidence().detector()).isEqualTo("alertmanager");
              assertThat(anomaly.evidence().since()).isEqualTo(T0);
              assertThat(anomaly.evidence().reason()).endsWith(": p99 above 1s");
            });
  }

  @Test
  void explicitLabelsWinOverFallbacks() {
    inbox.receive(
        List.of(
            firing(
                "a1",
                Map.of(
                    "alertname",
                    "X",
                    "job",
                    "j",
                    "x0_target",
                    "api",
                    "x0_symptom",
                    "latency_high"))),
        T0);

    assertThat(detectAt(T0))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.target()).isEqualTo("api");
              assertThat(a.symptom()).isEqualTo("latency_high");
            });
  }

  @Test
  void duplicateDeliveriesAreCountedOnceAndResolvedAlertsLeave() {
    Alert alert = firing("a1", Map.of("alertname", "Down", "job", "api"));

    AlertInbox.Receipt first = inbox.receive(List.of(alert), T0);
    AlertInbox.Receipt again = inbox.receive(List.of(alert, alert), T0.plusSeconds(1));
    AlertInbox.Receipt resolved =
        inbox.receive(
            List.of(new Alert("a1", false, alert.labels(), Map.of(), T0, T0.plusSeconds(60))),
            T0.plusSeconds(60));

    assertThat(first).isEqualTo(new AlertInbox.Receipt(1, 1, 0, 0));
    assertThat(again).isEqualTo(new AlertInbox.Receipt(2, 0, 2, 0));
    assertThat(resolved).isEqualTo(new AlertInbox.Receipt(1, 0, 0, 1));
    assertThat(detectAt(T0.plusSeconds(61))).isEmpty();
  }

  @Test
  void anAlertWhoseEndsAtPassedOrThatWasNotRedeliveredExpires() {
    inbox.receive(
        List.of(
            new Alert(
                "a1",
                true,
                Map.of("alertname", "A", "job", "x"),
                Map.of(),
                T0,
                T0.plusSeconds(300))),
        T0);
    inbox.receive(
        List.of(
            new Alert(
                "a2",
                true,
                Map.of("alertname", "B", "job", "y"),
                Map.of(),
                T0,
                Instant.parse("0001-01-01T00:00:00Z"))),
        T0);

    assertThat(detectAt(T0.plusSeconds(299))).hasSize(2);
    assertThat(detectAt(T0.plusSeconds(300))).extracting(Anomaly::symptom).containsExactly("B");
    assertThat(detectAt(T0.plus(Duration.ofHours(2)))).isEmpty();
  }

  @Test
  void anAlertWithoutTargetOrSymptomIsNotActionable() {
    Alert orphan = firing("a1", Map.of("alertname", "NoJob"));
    inbox.receive(List.of(orphan), T0);

    assertThat(detector.actionable(orphan)).isFalse();
    assertThat(detectAt(T0)).isEmpty();
  }

  @Test
  void aMissingFingerprintIsDerivedFromTheLabelsStably() {
    Alert a = new Alert(null, true, Map.of("alertname", "A", "job", "x"), Map.of(), T0, null);
    Alert b = new Alert("", true, Map.of("job", "x", "alertname", "A"), Map.of(), T0, null);

    assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotBlank();
  }
}
