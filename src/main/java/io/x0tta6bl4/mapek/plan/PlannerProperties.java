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
 */
@ConfigurationProperties(prefix = "x0tta6bl4.planner", ignoreUnknownFields = false)
public record PlannerProperties(
    @DefaultValue("5m") Duration cooldown,
    @DefaultValue("3") int maxAttempts,
    @DefaultValue("20") int budget,
    @DefaultValue("10m") Duration budgetWindow,
    List<Policy> policies) {

  public PlannerProperties {
    policies = policies == null ? List.of() : List.copyOf(policies);
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
