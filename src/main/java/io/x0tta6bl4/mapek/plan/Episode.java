package io.x0tta6bl4.mapek.plan;

import java.time.Instant;

/**
 * The planner's state for one ongoing problem (a target with a symptom), from the first cycle that
 * reports it until the first cycle that does not. A small state machine: OPEN (nothing ran yet) →
 * ACTING (a step ran; the next waits for {@link Policy#escalateAfter()}) → EXHAUSTED (max attempts
 * reached: the planner stops acting on it until it clears).
 */
final class Episode {

  enum State {
    OPEN,
    ACTING,
    EXHAUSTED
  }

  private final Policy policy;
  private final String target;
  private final String symptom;
  private final Instant openedAt;
  private State state = State.OPEN;
  private int attempts;
  private int nextStep;
  private Instant lastActionAt;
  private String lastSuppression = "";
  private boolean escalated;

  Episode(Policy policy, String target, String symptom, Instant openedAt) {
    this.policy = policy;
    this.target = target;
    this.symptom = symptom;
    this.openedAt = openedAt;
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

  State state() {
    return state;
  }

  int attempts() {
    return attempts;
  }

  int nextStep() {
    return nextStep;
  }

  Instant openedAt() {
    return openedAt;
  }

  /** True when a step may be tried now: nothing ran yet, or the last step had its time to work. */
  boolean due(Instant now) {
    return switch (state) {
      case OPEN -> true;
      case ACTING -> !now.isBefore(lastActionAt.plus(policy.escalateAfter()));
      case EXHAUSTED -> false;
    };
  }

  void actionPlanned(Instant now) {
    if (state == State.EXHAUSTED) {
      throw new IllegalStateException("no action may be planned for an exhausted episode");
    }
    state = State.ACTING;
    attempts++;
    lastActionAt = now;
    nextStep = Math.min(nextStep + 1, policy.steps().size() - 1);
    lastSuppression = "";
  }

  void exhaust() {
    state = State.EXHAUSTED;
  }

  /** True the first time only: a problem is escalated to a person once. */
  boolean escalateOnce() {
    boolean first = !escalated;
    escalated = true;
    return first;
  }

  /** True once a step ran and the problem has not cleared: its target is being remediated. */
  boolean remediating() {
    return attempts > 0;
  }

  /**
   * Remembers a suppression and answers whether it is new: the same guard stopping the same step in
   * consecutive cycles is recorded once, so a long cooldown does not fill Knowledge with copies.
   */
  boolean firstSuppression(String guard) {
    String key = guard + "#" + nextStep;
    boolean first = !key.equals(lastSuppression);
    lastSuppression = key;
    return first;
  }
}
