package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Knowledge.ActionRecord;
import io.x0tta6bl4.mapek.Knowledge.AnomalyRecord;
import io.x0tta6bl4.mapek.Knowledge.CycleSummary;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Phase;
import io.x0tta6bl4.mapek.PhaseError;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.SuppressedAction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The queries' column lists and the mappers that turn their rows back into records. */
final class Rows {

  static final String CYCLES =
      "select id, started_at, mode, monitor_seconds, analyze_seconds, plan_seconds,"
          + " execute_seconds, total_seconds, observations, targets_down, anomaly_count,"
          + " action_count, suppressed_count from cycles";
  static final String ERRORS = "select cycle_id, phase, error, message from cycle_errors";
  static final String ANOMALIES =
      "select cycle_id, observed_at, target, symptom, severity, score, detector, series,"
          + " latest_value, expected, bound, since, recent, evidence_reason from anomalies";
  static final String ACTIONS =
      "select cycle_id, planned_at, id, kind, target, params, policy, step, symptom, reason,"
          + " status, outcome_started_at, duration_seconds, attempts, message from actions";
  static final String SUPPRESSED =
      "select action_id, kind, target, params, policy, step, symptom, reason, guard, guard_reason"
          + " from suppressed_actions";

  private Rows() {}

  /** A summary without its errors, which live in their own table. */
  static CycleSummary summary(ResultSet rs, int row) throws SQLException {
    Map<String, Double> timings = new HashMap<>();
    for (Phase phase : CycleWriter.TIMED_PHASES) {
      Double seconds = Columns.nullableDouble(rs, phase.id() + "_seconds");
      if (seconds != null) {
        timings.put(phase.id(), seconds);
      }
    }
    return new CycleSummary(
        rs.getLong("id"),
        Columns.instant(rs, "started_at"),
        Mode.valueOf(rs.getString("mode")),
        timings,
        rs.getDouble("total_seconds"),
        rs.getInt("observations"),
        rs.getInt("targets_down"),
        rs.getInt("anomaly_count"),
        rs.getInt("action_count"),
        rs.getInt("suppressed_count"),
        List.of());
  }

  static CycleSummary withErrors(CycleSummary s, List<PhaseError> errors) {
    return new CycleSummary(
        s.id(),
        s.startedAt(),
        s.mode(),
        s.timings(),
        s.totalSeconds(),
        s.observations(),
        s.targetsDown(),
        s.anomalies(),
        s.actions(),
        s.suppressed(),
        errors);
  }

  static PhaseError error(ResultSet rs, int row) throws SQLException {
    return new PhaseError(
        Phase.valueOf(rs.getString("phase")), rs.getString("error"), rs.getString("message"));
  }

  static AnomalyRecord anomaly(ResultSet rs, int row) throws SQLException {
    Evidence evidence =
        new Evidence(
            rs.getString("detector"),
            rs.getString("series"),
            rs.getDouble("latest_value"),
            rs.getDouble("expected"),
            rs.getDouble("bound"),
            Columns.instant(rs, "since"),
            Columns.recent(rs.getString("recent")),
            rs.getString("evidence_reason"));
    Anomaly anomaly =
        new Anomaly(
            rs.getString("target"),
            rs.getString("symptom"),
            Severity.valueOf(rs.getString("severity")),
            rs.getDouble("score"),
            evidence);
    return new AnomalyRecord(rs.getLong("cycle_id"), Columns.instant(rs, "observed_at"), anomaly);
  }

  /** An action with its outcome; the outcome is null when none was recorded. */
  static ActionRecord action(ResultSet rs, int row) throws SQLException {
    Action action = actionFields(rs, "id");
    String status = rs.getString("status");
    Outcome outcome =
        status == null
            ? null
            : new Outcome(
                action.id(),
                OutcomeStatus.valueOf(status),
                Columns.instant(rs, "outcome_started_at"),
                Columns.duration(rs.getDouble("duration_seconds")),
                rs.getInt("attempts"),
                rs.getString("message"));
    return new ActionRecord(
        rs.getLong("cycle_id"), Columns.instant(rs, "planned_at"), action, outcome);
  }

  static SuppressedAction suppressed(ResultSet rs, int row) throws SQLException {
    return new SuppressedAction(
        actionFields(rs, "action_id"), rs.getString("guard"), rs.getString("guard_reason"));
  }

  private static Action actionFields(ResultSet rs, String idColumn) throws SQLException {
    return new Action(
        rs.getString(idColumn),
        rs.getString("kind"),
        rs.getString("target"),
        Columns.params(rs.getString("params")),
        rs.getString("policy"),
        rs.getInt("step"),
        rs.getString("symptom"),
        rs.getString("reason"));
  }
}
