package io.x0tta6bl4.mapek.plan;

import java.time.Duration;

/**
 * Limits beyond the per-action guards.
 *
 * @param circuitMaxActions most actions on one target within {@code circuitWindow}; past it the
 *     target's circuit opens: the planner stops acting on it and escalates to a person
 * @param circuitWindow the circuit breaker's sliding window
 * @param groupMaxRemediating most members of one target group being remediated at the same time
 * @param groupMinHealthy smallest share of a group's members that must stay out of remediation
 *     while another member is acted on, 0 to 1
 */
public record SafetyLimits(
    int circuitMaxActions,
    Duration circuitWindow,
    int groupMaxRemediating,
    double groupMinHealthy) {

  public SafetyLimits {
    if (circuitMaxActions < 1) {
      throw new IllegalArgumentException(
          "circuit-breaker.max-actions must be at least 1, but was " + circuitMaxActions);
    }
    if (circuitWindow == null || circuitWindow.isNegative() || circuitWindow.isZero()) {
      throw new IllegalArgumentException(
          "circuit-breaker.window must be positive, but was " + circuitWindow);
    }
    if (groupMaxRemediating < 1) {
      throw new IllegalArgumentException(
          "blast-radius.max-remediating must be at least 1, but was " + groupMaxRemediating);
    }
    if (!(groupMinHealthy >= 0 && groupMinHealthy <= 1)) {
      throw new IllegalArgumentException(
          "blast-radius.min-healthy must be between 0 and 1, but was " + groupMinHealthy);
    }
  }

  /** 5 actions per target per 30 minutes; one group member at a time, half the group healthy. */
  public static SafetyLimits defaults() {
    return new SafetyLimits(5, Duration.ofMinutes(30), 1, 0.5);
  }
}
