package io.x0tta6bl4.mapek;

/**
 * Where an incident is in its life: DETECTED → REMEDIATING → VERIFYING → RESOLVED, or ESCALATED
 * when the policy's steps are used up without the symptom clearing (or a guard made the planner
 * give up); an escalated incident is left to a person and the loop no longer acts on it.
 */
public enum IncidentState {
  DETECTED,
  REMEDIATING,
  VERIFYING,
  RESOLVED,
  ESCALATED;

  public boolean open() {
    return this != RESOLVED;
  }
}
