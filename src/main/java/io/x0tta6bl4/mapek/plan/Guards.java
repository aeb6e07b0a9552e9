package io.x0tta6bl4.mapek.plan;

import java.time.Duration;

/**
 * The limits every planned action must pass.
 *
 * @param cooldown default minimum time between two runs of one action kind on one target
 * @param maxAttempts most actions for one problem (target and symptom) until it clears
 * @param budget most actions in the whole controller within {@code budgetWindow}
 * @param budgetWindow the sliding window of the budget
 */
public record Guards(Duration cooldown, int maxAttempts, int budget, Duration budgetWindow) {

  public Guards {
    if (cooldown == null || cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must not be negative, but was " + cooldown);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max-attempts must be at least 1, but was " + maxAttempts);
    }
    if (budget < 1) {
      throw new IllegalArgumentException("budget must be at least 1, but was " + budget);
    }
    if (budgetWindow == null || budgetWindow.isNegative() || budgetWindow.isZero()) {
      throw new IllegalArgumentException("budget-window must be positive, but was " + budgetWindow);
    }
  }
}
