package io.x0tta6bl4.mapek;

import java.util.Objects;

/**
 * An action a guard stopped, kept so that "why didn't it act?" has an answer.
 *
 * @param action the action that would have run
 * @param guard the guard that stopped it ({@code cooldown}, {@code max-attempts}, {@code budget},
 *     ...)
 * @param reason one sentence with the figures the guard compared
 */
public record SuppressedAction(Action action, String guard, String reason) {

  public SuppressedAction {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(reason, "reason");
  }
}
