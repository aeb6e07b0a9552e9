package io.x0tta6bl4.mapek.plan;

import java.time.Duration;
import java.util.Map;

/**
 * One step of a policy: which action to run, with which parameters.
 *
 * @param action action kind, as the Executor knows it ({@code log}, {@code webhook}, {@code
 *     readiness}, {@code gc}, {@code command}, {@code kubernetes})
 * @param params handler parameters; {@code {{target}}} and {@code {{symptom}}} in a value are
 *     replaced by the problem's target and symptom ({@code ${target}} too, but in application.yml
 *     Spring would resolve that itself if a property named {@code target} existed)
 * @param cooldown minimum time between two runs of this action kind on the same target; null uses
 *     the planner's default
 * @param approval {@code required} when a person must approve the action before it runs, else
 *     {@code none} (the default)
 */
public record Step(String action, Map<String, String> params, Duration cooldown, String approval) {

  /** A step that runs without approval (a factory, not a constructor: configuration binds one). */
  public static Step of(String action, Map<String, String> params, Duration cooldown) {
    return new Step(action, params, cooldown, null);
  }

  public Step {
    if (action == null || action.isBlank()) {
      throw new IllegalArgumentException("action must not be blank");
    }
    params = params == null ? Map.of() : Map.copyOf(params);
    if (cooldown != null && cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative, but was " + cooldown);
    }
    approval = approval == null || approval.isBlank() ? "none" : approval;
    if (!approval.equals("none") && !approval.equals("required")) {
      throw new IllegalArgumentException(
          "approval must be required or none, but was '" + approval + "'");
    }
  }

  public boolean approvalRequired() {
    return approval.equals("required");
  }
}
