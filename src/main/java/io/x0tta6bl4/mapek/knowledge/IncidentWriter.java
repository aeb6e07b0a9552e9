package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.IncidentEvent;
import io.x0tta6bl4.mapek.IncidentState;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes a cycle's incident events: a DETECTED event creates the incident's row, every event moves
 * its state and is appended to its timeline. Runs inside the cycle's transaction.
 */
final class IncidentWriter {

  private static final String INSERT_INCIDENT =
      "insert into incidents (id, target, symptom, state, onset_at, detected_at, closed_at,"
          + " actions, last_cycle_id) values (?, ?, ?, ?, ?, ?, null, 0, ?)";
  private static final String MOVE_INCIDENT =
      "update incidents set state = ?, last_cycle_id = ?, actions = actions + ?,"
          + " closed_at = case when ? then ? else closed_at end where id = ?";
  private static final String INSERT_EVENT =
      "insert into incident_events (incident_id, seq, cycle_id, at, state, action_id, note)"
          + " values (?, ?, ?, ?, ?, ?, ?)";

  /** Events of one incident in one cycle stay apart by their index; cycles by their id. */
  private static final int EVENTS_PER_CYCLE = 1_000;

  private final JdbcTemplate jdbc;

  IncidentWriter(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void write(long cycleId, List<IncidentEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      IncidentEvent event = events.get(i);
      if (event.state() == IncidentState.DETECTED) {
        jdbc.update(
            INSERT_INCIDENT,
            event.incidentId(),
            event.target(),
            event.symptom(),
            event.state().name(),
            event.onset() == null ? null : Columns.timestamp(event.onset()),
            Columns.timestamp(event.at()),
            cycleId);
      } else {
        boolean closes = event.state() == IncidentState.RESOLVED;
        jdbc.update(
            MOVE_INCIDENT,
            event.state().name(),
            cycleId,
            event.state() == IncidentState.REMEDIATING ? 1 : 0,
            closes,
            Columns.timestamp(event.at()),
            event.incidentId());
      }
      jdbc.update(
          INSERT_EVENT,
          event.incidentId(),
          (int) (cycleId % 1_000_000) * EVENTS_PER_CYCLE + i,
          cycleId,
          Columns.timestamp(event.at()),
          event.state().name(),
          event.actionId(),
          event.note());
    }
  }
}
