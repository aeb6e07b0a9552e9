package io.x0tta6bl4.mapek.plan;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Policies and guards, under {@code x0tta6bl4.planner}.
 *
 * @param cooldown default time between two runs of one action kind on one target
 * @param maxAttempts most actions for one problem until it clears
 * @param budget most actions of the whole controller within {@code budgetWindow}
 * @param budgetWindow the budget's sliding window
 * @param policies symptom-to-steps mappings; the first that matches a problem is used
 * @param circuitBreaker per-target limit on actions, after which the planner stops and escalates
 * @param blastRadius per-group limits on members remediated at once
 * @param escalation steps planned once for a problem the planner gives up on (e.g. a webhook to a
 *     person)
 */
@ConfigurationProperties(prefix = "x0tta6bl4.planner", ignoreUnknownFields = false)
public record PlannerProperties(
    @DefaultValue("5m") Duration cooldown,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("20") int budget,
    @DefaultValue("10m") Duration budgetWindow,
    List<Policy> policies,
    @DefaultValue CircuitBreaker circuitBreaker,
    @DefaultValue BlastRadius blastRadius,
    List<Step> escalation) {

  /**
   * @param maxActions most actions on one target within {@code window}
   * @param window the sliding window
   */
  public record CircuitBreaker(
      @DefaultValue("5") int maxActions, @DefaultValue("30m") Duration window) {}

  /**
   * @param maxRemediating most members of one group remediated at once
   * @param minHealthy smallest share of a group left alone while a member is acted on
   */
  public record BlastRadius(
      @DefaultValue("1") int maxRemediating, @DefaultValue("0.5") double minHealthy) {}

  public PlannerProperties {
    escalation = ConfiguredLists.copy(escalation, "x0tta6bl4.planner.escalation");
    circuitBreaker =
        circuitBreaker == null ? new CircuitBreaker(5, Duration.ofMinutes(30)) : circuitBreaker;
    blastRadius = blastRadius == null ? new BlastRadius(1, 0.5) : blastRadius;
    limits(circuitBreaker, blastRadius);
    policies = ConfiguredLists.copy(policies, "x0tta6bl4.planner.policies");
    Set<String> names = new HashSet<>();
    for (Policy policy : policies) {
      if (!names.add(policy.name())) {
        throw new IllegalArgumentException(
            "x0tta6bl4.planner.policies must have unique names, but '"
                + policy.name()
                + "' appears twice");
      }
    }
    guards(cooldown, maxAttempts, budget, budgetWindow);
  }

  public SafetyLimits limits() {
    return limits(circuitBreaker, blastRadius);
  }

  private static SafetyLimits limits(CircuitBreaker circuit, BlastRadius blast) {
    try {
      return new SafetyLimits(
          circuit.maxActions(), circuit.window(), blast.maxRemediating(), blast.minHealthy());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("x0tta6bl4.planner." + e.getMessage(), e);
    }
  }

  public Guards guards() {
    return guards(cooldown, maxAttempts, budget, budgetWindow);
  }

  private static Guards guards(Duration cooldown, int maxAttempts, int budget, Duration window) {
    try {
      return new Guards(cooldown, maxAttempts, budget, window);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("x0tta6bl4.planner." + e.getMessage(), e);
    }
  }
}
