package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.Phase;
import io.x0tta6bl4.mapek.PhaseError;
import io.x0tta6bl4.mapek.SuppressedAction;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes one cycle with one statement per table: the cycle row, then one batch each for errors,
 * anomalies, actions and suppressed actions (empty lists cost nothing). Runs inside the caller's
 * transaction.
 */
final class CycleWriter {

  private static final Logger log = LoggerFactory.getLogger(CycleWriter.class);

  /** The phases with a column of their own, in column order. */
  static final List<Phase> TIMED_PHASES =
      List.of(Phase.MONITOR, Phase.ANALYZE, Phase.PLAN, Phase.EXECUTE);

  // ON CONFLICT DO NOTHING makes a second record of the same cycle a no-op (H2 accepts it in
  // PostgreSQL mode).
  private static final String INSERT_CYCLE =
      "insert into cycles (id, started_at, mode, monitor_seconds, analyze_seconds, plan_seconds,"
          + " execute_seconds, total_seconds, observations, targets_down, anomaly_count,"
          + " action_count, suppressed_count) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " on conflict do nothing";
  private static final String INSERT_ERROR =
      "insert into cycle_errors (cycle_id, seq, phase, error, message) values (?, ?, ?, ?, ?)";
  private static final String INSERT_ANOMALY =
      "insert into anomalies (cycle_id, seq, observed_at, target, symptom, severity, score,"
          + " detector, series, latest_value, expected, bound, since, recent, evidence_reason)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_ACTION =
      "insert into actions (cycle_id, seq, planned_at, id, kind, target, params, policy, step,"
          + " symptom, reason, status, outcome_started_at, duration_seconds, attempts, message)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_SUPPRESSED =
      "insert into suppressed_actions (cycle_id, seq, action_id, kind, target, params, policy,"
          + " step, symptom, reason, guard, guard_reason)"
          + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;
  private final IncidentWriter incidents;

  CycleWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.incidents = new IncidentWriter(jdbc);
  }

  /**
   * @return false when the cycle was already recorded; nothing is written then
   */
  boolean write(CycleReport report) {
    if (jdbc.update(INSERT_CYCLE, ps -> bindCycle(ps, report)) == 0) {
      return false;
    }
    long cycle = report.id();
    batch(INSERT_ERROR, cycle, report.errors(), CycleWriter::bindError);
    Instant observedAt = report.snapshot().takenAt();
    batch(INSERT_ANOMALY, cycle, report.anomalies(), (ps, a) -> bindAnomaly(ps, observedAt, a));
    Map<String, Outcome> outcomes = outcomesByAction(report, cycle);
    Instant plannedAt = report.context().startedAt();
    batch(
        INSERT_ACTION,
        cycle,
        report.plan().actions(),
        (ps, a) -> bindAction(ps, plannedAt, a, outcomes.get(a.id())));
    batch(INSERT_SUPPRESSED, cycle, report.plan().suppressed(), CycleWriter::bindSuppressed);
    incidents.write(cycle, report.plan().incidents());
    return true;
  }

  private static void bindCycle(PreparedStatement ps, CycleReport report) throws SQLException {
    ps.setLong(1, report.id());
    ps.setObject(2, Columns.timestamp(report.context().startedAt()));
    ps.setString(3, report.context().mode().name());
    double total = 0;
    for (int i = 0; i < TIMED_PHASES.size(); i++) {
      Double seconds = Columns.seconds(report.timings().get(TIMED_PHASES.get(i)));
      Columns.setDouble(ps, 4 + i, seconds);
      total += seconds == null ? 0 : seconds;
    }
    ps.setDouble(8, total);
    ps.setInt(9, report.snapshot().observations().size());
    ps.setInt(10, report.snapshot().targetsDown());
    ps.setInt(11, report.anomalies().size());
    ps.setInt(12, report.plan().actions().size());
    ps.setInt(13, report.plan().suppressed().size());
  }

  private static void bindError(PreparedStatement ps, PhaseError error) throws SQLException {
    ps.setString(3, error.phase().name());
    ps.setString(4, error.error());
    ps.setString(5, error.message());
  }

  private static void bindAnomaly(PreparedStatement ps, Instant observedAt, Anomaly anomaly)
      throws SQLException {
    Evidence evidence = anomaly.evidence();
    ps.setObject(3, Columns.timestamp(observedAt));
    ps.setString(4, anomaly.target());
    ps.setString(5, anomaly.symptom());
    ps.setString(6, anomaly.severity().name());
    ps.setDouble(7, anomaly.score());
    ps.setString(8, evidence.detector());
    ps.setString(9, evidence.series());
    ps.setDouble(10, evidence.value());
    ps.setDouble(11, evidence.expected());
    ps.setDouble(12, evidence.bound());
    ps.setObject(13, Columns.timestamp(evidence.since()));
    ps.setString(14, Columns.recent(evidence.recent()));
    ps.setString(15, evidence.reason());
  }

  private static void bindAction(
      PreparedStatement ps, Instant plannedAt, Action action, Outcome outcome) throws SQLException {
    ps.setObject(3, Columns.timestamp(plannedAt));
    bindActionFields(ps, 4, action);
    ps.setString(12, outcome == null ? null : outcome.status().name());
    Columns.setInstant(ps, 13, outcome == null ? null : outcome.startedAt());
    Columns.setDouble(ps, 14, Columns.seconds(outcome == null ? null : outcome.duration()));
    if (outcome == null) {
      ps.setNull(15, Types.INTEGER);
    } else {
      ps.setInt(15, outcome.attempts());
    }
    ps.setString(16, outcome == null ? null : outcome.message());
  }

  private static void bindSuppressed(PreparedStatement ps, SuppressedAction suppressed)
      throws SQLException {
    bindActionFields(ps, 3, suppressed.action());
    ps.setString(11, suppressed.guard());
    ps.setString(12, suppressed.reason());
  }

  /** Binds id, kind, target, params, policy, step, symptom and reason from {@code first} on. */
  private static void bindActionFields(PreparedStatement ps, int first, Action action)
      throws SQLException {
    ps.setString(first, action.id());
    ps.setString(first + 1, action.kind());
    ps.setString(first + 2, action.target());
    ps.setString(first + 3, Columns.params(action.params()));
    ps.setString(first + 4, action.policy());
    ps.setInt(first + 5, action.step());
    ps.setString(first + 6, action.symptom());
    ps.setString(first + 7, action.reason());
  }

  /** An outcome is stored in its action's row; one without a planned action has no row. */
  private static Map<String, Outcome> outcomesByAction(CycleReport report, long cycle) {
    Map<String, Outcome> outcomes = new HashMap<>();
    report.outcomes().forEach(outcome -> outcomes.put(outcome.actionId(), outcome));
    Set<String> unplanned = new TreeSet<>(outcomes.keySet());
    report.plan().actions().forEach(action -> unplanned.remove(action.id()));
    if (!unplanned.isEmpty()) {
      log.warn(
          "Cycle {}: outcomes of actions it did not plan are not recorded: {}", cycle, unplanned);
    }
    return outcomes;
  }

  /** Binds cycle id and seq (parameters 1 and 2) itself; {@code binder} binds the rest. */
  private <T> void batch(String sql, long cycle, List<T> items, Binder<T> binder) {
    if (items.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(
        sql,
        new BatchPreparedStatementSetter() {
          @Override
          public void setValues(PreparedStatement ps, int i) throws SQLException {
            ps.setLong(1, cycle);
            ps.setInt(2, i);
            binder.bind(ps, items.get(i));
          }

          @Override
          public int getBatchSize() {
            return items.size();
          }
        });
  }

  @FunctionalInterface
  private interface Binder<T> {
    void bind(PreparedStatement ps, T item) throws SQLException;
  }
}
