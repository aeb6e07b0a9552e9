package io.x0tta6bl4.mapek;

import java.util.Map;
import java.util.Objects;

/**
 * One remediation step the Planner decided on.
 *
 * @param id idempotency key, unique across cycles ({@code <cycle>-<n>}); a restarted controller
 *     never runs an id twice
 * @param kind the action handler that runs it ({@code log}, {@code webhook}, {@code readiness},
 *     {@code gc})
 * @param target target id the action applies to
 * @param params handler parameters, already validated by the Planner
 * @param policy the policy that chose the action
 * @param step index of the step in the policy; {@value #RECOVERY_STEP} for a recovery step, {@value
 *     #ESCALATION_STEP} for an escalation to a person
 * @param symptom the symptom that justifies the action
 * @param reason one sentence: why this action now
 * @param approvalRequired the action waits as AWAITING_APPROVAL until an operator approves it
 */
public record Action(
    String id,
    String kind,
    String target,
    Map<String, String> params,
    String policy,
    int step,
    String symptom,
    String reason,
    boolean approvalRequired) {

  /** {@link #step()} of an action that undoes an earlier one once its symptom has cleared. */
  public static final int RECOVERY_STEP = -1;

  /** {@link #step()} of an action that tells a person the controller stopped acting. */
  public static final int ESCALATION_STEP = -2;

  public Action {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
    params = params == null ? Map.of() : Map.copyOf(params);
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(symptom, "symptom");
    Objects.requireNonNull(reason, "reason");
  }

  /** An action that runs without waiting for approval. */
  public Action(
      String id,
      String kind,
      String target,
      Map<String, String> params,
      String policy,
      int step,
      String symptom,
      String reason) {
    this(id, kind, target, params, policy, step, symptom, reason, false);
  }

  /** True for a step that undoes an earlier action once its symptom has cleared. */
  public boolean recovery() {
    return step == RECOVERY_STEP;
  }
}
