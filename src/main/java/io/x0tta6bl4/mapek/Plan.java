package io.x0tta6bl4.mapek;

import java.util.List;

/**
 * What the Planner decided in one cycle.
 *
 * @param cycleId the cycle
 * @param mode the mode the plan was made in; in {@code DRY_RUN} the Executor runs nothing
 * @param actions actions that passed every guard, in the order they should run
 * @param suppressed actions a guard stopped, with the guard's reason
 * @param incidents how incidents moved in this cycle (detected, remediating, verifying, resolved,
 *     escalated), in the order they moved
 */
public record Plan(
    long cycleId,
    Mode mode,
    List<Action> actions,
    List<SuppressedAction> suppressed,
    List<IncidentEvent> incidents) {

  public Plan {
    actions = List.copyOf(actions);
    suppressed = List.copyOf(suppressed);
    incidents = List.copyOf(incidents);
  }

  /** A plan in which no incident moved. */
  public Plan(long cycleId, Mode mode, List<Action> actions, List<SuppressedAction> suppressed) {
    this(cycleId, mode, actions, suppressed, List.of());
  }

  public static Plan empty(long cycleId, Mode mode) {
    return new Plan(cycleId, mode, List.of(), List.of());
  }
}
