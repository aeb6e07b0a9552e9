package io.x0tta6bl4.mapek.plan;

import io.x0tta6bl4.mapek.IncidentState;
import java.time.Instant;
import java.util.List;

/**
 * The planner's state for one incident (a target with a symptom), from the first cycle that reports
 * it until the first cycle that does not. Its states are the incident's: DETECTED (nothing ran yet)
 * → REMEDIATING (a step was planned this cycle) → VERIFYING (the step gets {@link
 * Policy#escalateAfter()} to clear the symptom) → the next step, or ESCALATED when the last step
 * did not clear it (or a guard made the planner give up). RESOLVED is the planner dropping the
 * episode.
 */
final class Episode {

  private final String id;
  private final Policy policy;
  private final List<Step> steps;
  private final String target;
  private final String symptom;
  private final Instant openedAt;
  private IncidentState state = IncidentState.DETECTED;
  private int attempts;
  private int lastStep = -1;
  private Instant lastActionAt;
  private String lastSuppression = "";

  Episode(String id, Policy policy, String target, String symptom, Instant openedAt) {
    this(id, policy, policy.steps(), target, symptom, openedAt);
  }

  /**
   * @param steps the policy's steps in the order this incident tries them
   */
  Episode(
      String id, Policy policy, List<Step> steps, String target, String symptom, Instant openedAt) {
    this.id = id;
    this.policy = policy;
    this.steps = List.copyOf(steps);
    this.target = target;
    this.symptom = symptom;
    this.openedAt = openedAt;
  }

  /** An incident a restarted planner picks up where Knowledge left it. */
  static Episode resumed(
      String id,
      Policy policy,
      String target,
      String symptom,
      Instant openedAt,
      IncidentState state,
      int attempts,
      int lastStep,
      Instant lastActionAt) {
    Episode episode = new Episode(id, policy, target, symptom, openedAt);
    episode.state = state;
    episode.attempts = attempts;
    episode.lastStep = Math.min(lastStep, episode.steps.size() - 1);
    episode.lastActionAt = lastActionAt;
    return episode;
  }

  List<Step> steps() {
    return steps;
  }

  String id() {
    return id;
  }

  String target() {
    return target;
  }

  String symptom() {
    return symptom;
  }

  Policy policy() {
    return policy;
  }

  IncidentState state() {
    return state;
  }

  int attempts() {
    return attempts;
  }

  Instant openedAt() {
    return openedAt;
  }

  /** The step to try when {@link #due}: the first, or the one after the last that ran. */
  int nextStep() {
    return lastStep + 1;
  }

  /** True when the last step ran and had its time to work without clearing the symptom. */
  boolean lastStepFailed(Instant now) {
    return lastStep == steps.size() - 1 && verified(now);
  }

  /** True when a step may be tried now: nothing ran yet, or the last step had its time to work. */
  boolean due(Instant now) {
    return switch (state) {
      case DETECTED -> true;
      case REMEDIATING, VERIFYING -> verified(now);
      case ESCALATED, RESOLVED -> false;
    };
  }

  private boolean verified(Instant now) {
    return lastActionAt != null && !now.isBefore(lastActionAt.plus(policy.escalateAfter()));
  }

  void actionPlanned(Instant now) {
    move(IncidentState.REMEDIATING);
    attempts++;
    lastStep++;
    lastActionAt = now;
    lastSuppression = "";
  }

  /** REMEDIATING → VERIFYING in the cycle after the action; answers whether the state changed. */
  boolean verifying() {
    if (state != IncidentState.REMEDIATING) {
      return false;
    }
    move(IncidentState.VERIFYING);
    return true;
  }

  /** Answers true the first time only: an incident is escalated to a person once. */
  boolean escalate() {
    if (state == IncidentState.ESCALATED) {
      return false;
    }
    move(IncidentState.ESCALATED);
    return true;
  }

  /** True once a step ran and the problem has not cleared: its target is being remediated. */
  boolean remediating() {
    return attempts > 0 && state != IncidentState.ESCALATED;
  }

  private void move(IncidentState next) {
    if (state == IncidentState.ESCALATED || state == IncidentState.RESOLVED) {
      throw new IllegalStateException(
          "incident " + id + " is " + state + "; it cannot become " + next);
    }
    state = next;
  }

  /**
   * Remembers a suppression and answers whether it is new: the same guard stopping the same step in
   * consecutive cycles is recorded once, so a long cooldown does not fill Knowledge with copies.
   */
  boolean firstSuppression(String guard) {
    String key = guard + "#" + nextStep();
    boolean first = !key.equals(lastSuppression);
    lastSuppression = key;
    return first;
  }
}
