package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Knowledge.ActionRecord;
import io.x0tta6bl4.mapek.Knowledge.AnomalyRecord;
import io.x0tta6bl4.mapek.Knowledge.CycleDetail;
import io.x0tta6bl4.mapek.Knowledge.CycleSummary;
import io.x0tta6bl4.mapek.Knowledge.Page;
import io.x0tta6bl4.mapek.Knowledge.Stats;
import io.x0tta6bl4.mapek.Knowledge.SuccessRate;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.PhaseError;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.SuppressedAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The reads of {@link JdbcKnowledge} that take more than one query or an aggregate. */
final class KnowledgeQueries {

  // Only SUCCEEDED and FAILED actions ran for real; dry runs, skips and approvals are no attempts.
  private static final String SUCCESS_RATES =
      "select symptom, kind, count(*) as attempts,"
          + " sum(case when status = 'SUCCEEDED' then 1 else 0 end) as succeeded"
          + " from actions where status in ('SUCCEEDED', 'FAILED')"
          + " group by symptom, kind order by symptom, kind";
  private static final String TOTALS =
      "select count(*) as cycles, min(started_at) as first_at, max(started_at) as last_at,"
          + " coalesce(avg(total_seconds), 0) as mean_seconds,"
          + " (select count(*) from anomalies) as anomalies,"
          + " (select count(*) from actions) as actions,"
          + " (select count(*) from suppressed_actions) as suppressed"
          + " from cycles";
  private static final String WHERE_CYCLE = " where cycle_id = ? order by seq";
  private static final String OUTCOMES =
      "select status, count(*) as n from actions where status is not null group by status";

  private final JdbcTemplate jdbc;

  KnowledgeQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Page<CycleSummary> cycles(int page, int size) {
    Page<CycleSummary> rows =
        new PageQuery<>(jdbc, "cycles", Rows.CYCLES, "id desc", Rows::summary).fetch(page, size);
    if (rows.items().isEmpty()) {
      return rows;
    }
    // Newest first by id, so the page holds exactly the cycles between its last and first id.
    long newest = rows.items().get(0).id();
    long oldest = rows.items().get(rows.items().size() - 1).id();
    Map<Long, List<PhaseError>> errors = errors("cycle_id between ? and ?", oldest, newest);
    List<CycleSummary> items =
        rows.items().stream()
            .map(s -> Rows.withErrors(s, errors.getOrDefault(s.id(), List.of())))
            .toList();
    return new Page<>(items, page, size, rows.total());
  }

  /** The cycle with its plan rebuilt from the stored actions and suppressed actions. */
  Optional<CycleDetail> cycle(long id) {
    List<CycleSummary> rows = jdbc.query(Rows.CYCLES + " where id = ?", Rows::summary, id);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<PhaseError> errors = errors("cycle_id = ?", id).getOrDefault(id, List.of());
    CycleSummary summary = Rows.withErrors(rows.get(0), errors);
    List<Anomaly> anomalies =
        jdbc.query(Rows.ANOMALIES + WHERE_CYCLE, Rows::anomaly, id).stream()
            .map(AnomalyRecord::anomaly)
            .toList();
    List<ActionRecord> actions = jdbc.query(Rows.ACTIONS + WHERE_CYCLE, Rows::action, id);
    List<SuppressedAction> suppressed =
        jdbc.query(Rows.SUPPRESSED + WHERE_CYCLE, Rows::suppressed, id);
    Plan plan =
        new Plan(
            id, summary.mode(), actions.stream().map(ActionRecord::action).toList(), suppressed);
    List<Outcome> outcomes =
        actions.stream().map(ActionRecord::outcome).filter(Objects::nonNull).toList();
    return Optional.of(new CycleDetail(summary, anomalies, plan, outcomes));
  }

  /** Errors of the cycles that match {@code condition}, by cycle id, in recorded order. */
  Map<Long, List<PhaseError>> errors(String condition, Object... args) {
    Map<Long, List<PhaseError>> errors = new HashMap<>();
    jdbc.query(
        Rows.ERRORS + " where " + condition + " order by cycle_id, seq",
        rs -> {
          errors
              .computeIfAbsent(rs.getLong("cycle_id"), id -> new ArrayList<>())
              .add(Rows.error(rs, 0));
        },
        args);
    return errors;
  }

  List<SuccessRate> successRates() {
    return jdbc.query(
        SUCCESS_RATES,
        (rs, row) -> {
          long attempts = rs.getLong("attempts");
          long succeeded = rs.getLong("succeeded");
          double rate = attempts == 0 ? 0 : (double) succeeded / attempts;
          return new SuccessRate(
              rs.getString("symptom"), rs.getString("kind"), attempts, succeeded, rate);
        });
  }

  Stats stats(Duration retention) {
    Map<String, Long> outcomes = new LinkedHashMap<>();
    for (OutcomeStatus status : OutcomeStatus.values()) {
      outcomes.put(status.name(), 0L);
    }
    jdbc.query(
        OUTCOMES,
        rs -> {
          outcomes.put(rs.getString("status"), rs.getLong("n"));
        });
    List<SuccessRate> rates = successRates();
    return jdbc.queryForObject(
        TOTALS,
        (rs, row) ->
            new Stats(
                rs.getLong("cycles"),
                rs.getLong("anomalies"),
                rs.getLong("actions"),
                rs.getLong("suppressed"),
                outcomes,
                Columns.instant(rs, "first_at"),
                Columns.instant(rs, "last_at"),
                rs.getDouble("mean_seconds"),
                rates,
                retention));
  }
}
