package io.x0tta6bl4.mapek;

import java.time.Instant;
import java.util.Objects;

/**
 * One step in an incident's timeline, decided by the Planner.
 *
 * @param incidentId stable id of the incident ({@code <cycle that detected it>-<target>-<symptom>})
 * @param target the target with the problem
 * @param symptom the symptom
 * @param state the state the incident entered
 * @param at when (the cycle's start)
 * @param onset when the condition began, as its detector saw it (DETECTED events; else null)
 * @param actionId the action this event is about (REMEDIATING events; else null)
 * @param note one sentence for a person
 */
public record IncidentEvent(
    String incidentId,
    String target,
    String symptom,
    IncidentState state,
    Instant at,
    Instant onset,
    String actionId,
    String note) {

  public IncidentEvent {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(symptom, "symptom");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(at, "at");
    note = note == null ? "" : note;
  }
}
