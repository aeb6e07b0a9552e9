package io.x0tta6bl4.observability;

import static io.x0tta6bl4.testsupport.Anomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.IncidentEvent;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Phase;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.SuppressedAction;
import io.x0tta6bl4.mapek.TargetStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MicrometerLoopMetricsTest {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MicrometerLoopMetrics metrics =
      new MicrometerLoopMetrics(registry, List.of("memory_pressure"), List.of("gc"));

  @Test
  void seriesAreRegisteredAtZeroBeforeTheFirstCycle() {
    metrics.openProblems(() -> 0);

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("mapek_cycle_duration_seconds_count{phase=\"analyze\"} 0")
        .contains("mapek_cycle_duration_seconds_bucket{phase=\"monitor\",le=")
        .contains("mapek_cycles_total{result=\"ok\"} 0.0")
        .contains("mapek_anomalies_total{symptom=\"memory_pressure\"} 0.0")
        .contains("mapek_actions_total{action=\"gc\",status=\"succeeded\"} 0.0")
        .contains("mapek_actions_total{action=\"gc\",status=\"dry_run\"} 0.0")
        .contains("mapek_incidents_open 0.0")
        .contains("mapek_incidents_escalated_total{symptom=\"memory_pressure\"} 0.0");
  }

  @Test
  void aCycleCountsItsAnomaliesActionsSuppressionsAndTargets() {
    Instant now = Instant.parse("2026-11-24T08:00:00Z");
    Action gc = new Action("1-1", "gc", "self", Map.of(), "p", 0, "memory_pressure", "r");
    Action log = new Action("1-2", "log", "self", Map.of(), "p", 1, "memory_pressure", "r");
    CycleReport report =
        new CycleReport(
            new CycleContext(1, now, Mode.ACTIVE),
            Map.of(Phase.MONITOR, Duration.ofMillis(2)),
            new Snapshot(
                1, now, List.of(), List.of(new TargetStatus("api", false, "down", Duration.ZERO))),
            List.of(anomaly("self", "memory_pressure"), anomaly("self", "memory_pressure")),
            new Plan(
                1,
                Mode.ACTIVE,
                List.of(gc),
                List.of(new SuppressedAction(log, "cooldown", "r")),
                List.of(
                    incident("i1", IncidentState.REMEDIATING, now),
                    incident("i2", IncidentState.ESCALATED, now))),
            List.of(new Outcome("1-1", OutcomeStatus.FAILED, now, Duration.ZERO, 1, "no")),
            List.of());

    metrics.phaseTimed(Phase.MONITOR, Duration.ofMillis(2));
    metrics.cycleCompleted(report);
    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("mapek_cycles_total{result=\"ok\"} 1.0")
        .contains("mapek_anomalies_total{symptom=\"memory_pressure\"} 2.0")
        .contains("mapek_actions_total{action=\"gc\",status=\"failed\"} 1.0")
        .contains("mapek_actions_suppressed_total{action=\"log\",guard=\"cooldown\"} 1.0")
        .contains("mapek_target_up{target=\"api\"} 0.0")
        .contains("mapek_cycle_duration_seconds_count{phase=\"monitor\"} 1")
        .contains("mapek_incidents_escalated_total{symptom=\"memory_pressure\"} 1.0");
  }

  private static IncidentEvent incident(String id, IncidentState state, Instant at) {
    return new IncidentEvent(id, "self", "memory_pressure", state, at, at, null, "n");
  }
}
