package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns alerts firing in the {@link AlertInbox} into anomalies, so an existing Alertmanager setup
 * goes through the same policies, guards and recovery as the loop's own detections. The target is
 * the first of {@code targetLabels} an alert carries, the symptom the first of {@code
 * symptomLabels}; an alert with neither is skipped (and logged once by the API that received it).
 */
public final class AlertDetector implements Detector {

  private final AlertInbox inbox;
  private final List<String> targetLabels;
  private final List<String> symptomLabels;

  public AlertDetector(AlertInbox inbox, List<String> targetLabels, List<String> symptomLabels) {
    this.inbox = inbox;
    this.targetLabels = List.copyOf(targetLabels);
    this.symptomLabels = List.copyOf(symptomLabels);
  }

  @Override
  public List<Anomaly> detect(Snapshot snapshot) {
    List<Alert> firing = inbox.firing(snapshot.takenAt());
    if (firing.isEmpty()) {
      return List.of();
    }
    List<Anomaly> anomalies = new ArrayList<>(firing.size());
    for (Alert alert : firing) {
      String target = first(alert, targetLabels);
      String symptom = first(alert, symptomLabels);
      if (target != null && symptom != null) {
        anomalies.add(new Anomaly(target, symptom, severity(alert), 1.0, evidence(alert)));
      }
    }
    return anomalies;
  }

  /** Whether an alert names a target and a symptom, so the detector can act on it. */
  public boolean actionable(Alert alert) {
    return first(alert, targetLabels) != null && first(alert, symptomLabels) != null;
  }

  private static String first(Alert alert, List<String> names) {
    for (String name : names) {
      String value = alert.label(name);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }

  private static Severity severity(Alert alert) {
    String severity = alert.label("severity");
    if (severity == null) {
      return Severity.WARNING;
    }
    return switch (severity.toLowerCase(Locale.ROOT)) {
      case "critical", "page", "error" -> Severity.CRITICAL;
      case "info", "none" -> Severity.INFO;
      default -> Severity.WARNING;
    };
  }

  private static Evidence evidence(Alert alert) {
    String name = alert.labels().getOrDefault("alertname", "alert");
    String summary =
        alert
            .annotations()
            .getOrDefault("summary", alert.annotations().getOrDefault("description", ""));
    String reason =
        "Alertmanager alert "
            + name
            + " firing since "
            + alert.startsAt()
            + (summary.isBlank() ? "" : ": " + summary);
    return new Evidence(
        "alertmanager",
        name + "{fingerprint=\"" + alert.fingerprint() + "\"}",
        1,
        0,
        0,
        alert.startsAt(),
        List.of(1.0),
        reason);
  }
}
