package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Knowledge.IncidentDetail;
import io.x0tta6bl4.mapek.Knowledge.IncidentSummary;
import io.x0tta6bl4.mapek.Knowledge.OpenIncident;
import io.x0tta6bl4.mapek.Knowledge.Page;
import io.x0tta6bl4.mapek.Knowledge.TimelineEntry;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads incidents and their timelines, each action event joined with its action's outcome. */
final class IncidentQueries {

  private static final String SELECT =
      "select id, target, symptom, state, onset_at, detected_at, closed_at, actions from incidents";
  private static final String TIMELINE =
      "select e.at, e.cycle_id, e.state, e.action_id, e.note, a.status, a.outcome_started_at,"
          + " a.duration_seconds, a.attempts, a.message from incident_events e"
          + " left join actions a on a.id = e.action_id"
          + " where e.incident_id = ? order by e.cycle_id, e.seq";

  private final JdbcTemplate jdbc;

  IncidentQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Page<IncidentSummary> incidents(IncidentState state, String target, int page, int size) {
    return new PageQuery<>(
            jdbc, "incidents", SELECT, "detected_at desc, id", IncidentQueries::summary)
        .where("state", state == null ? null : state.name())
        .where("target", target)
        .fetch(page, size);
  }

  Optional<IncidentDetail> incident(String id) {
    List<IncidentSummary> found =
        jdbc.query(SELECT + " where id = ?", IncidentQueries::summary, id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    List<TimelineEntry> timeline = jdbc.query(TIMELINE, IncidentQueries::entry, id);
    return Optional.of(new IncidentDetail(found.get(0), timeline));
  }

  List<OpenIncident> open() {
    return jdbc.query(
        "select i.id, i.target, i.symptom, i.state, i.detected_at, i.actions, a.policy, a.step,"
            + " a.planned_at from incidents i left join actions a on a.id = (select e.action_id"
            + " from incident_events e where e.incident_id = i.id and e.action_id is not null"
            + " order by e.cycle_id desc, e.seq desc limit 1) where i.state <> 'RESOLVED'"
            + " order by i.detected_at",
        (rs, row) ->
            new OpenIncident(
                rs.getString("id"),
                rs.getString("target"),
                rs.getString("symptom"),
                IncidentState.valueOf(rs.getString("state")),
                Columns.instant(rs, "detected_at"),
                rs.getInt("actions"),
                rs.getString("policy"),
                rs.getString("policy") == null ? -1 : rs.getInt("step"),
                Columns.instant(rs, "planned_at")));
  }

  private static IncidentSummary summary(ResultSet rs, int row) throws SQLException {
    IncidentState state = IncidentState.valueOf(rs.getString("state"));
    Instant onset = Columns.instant(rs, "onset_at");
    Instant detected = Columns.instant(rs, "detected_at");
    Instant closed = Columns.instant(rs, "closed_at");
    return new IncidentSummary(
        rs.getString("id"),
        rs.getString("target"),
        rs.getString("symptom"),
        state,
        onset,
        detected,
        closed,
        rs.getInt("actions"),
        onset == null ? null : seconds(onset, detected),
        closed == null || rs.getInt("actions") == 0 ? null : seconds(detected, closed));
  }

  private static TimelineEntry entry(ResultSet rs, int row) throws SQLException {
    String actionId = rs.getString("action_id");
    String status = rs.getString("status");
    Outcome outcome =
        status == null
            ? null
            : new Outcome(
                actionId,
                OutcomeStatus.valueOf(status),
                Columns.instant(rs, "outcome_started_at"),
                Columns.duration(rs.getDouble("duration_seconds")),
                rs.getInt("attempts"),
                rs.getString("message"));
    return new TimelineEntry(
        Columns.instant(rs, "at"),
        rs.getLong("cycle_id"),
        IncidentState.valueOf(rs.getString("state")),
        actionId,
        rs.getString("note"),
        outcome);
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toNanos() / 1e9;
  }
}
