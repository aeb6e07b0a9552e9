package io.x0tta6bl4.mapek.analyze;

/**
 * Where one watched condition stands: a breach first waits (PENDING) until it has held long enough,
 * then FIRING until it clears. A single spike therefore returns from PENDING to INACTIVE without
 * ever firing.
 */
enum ConditionState {
  INACTIVE,
  PENDING,
  FIRING;

  /**
   * The state after a validated transition.
   *
   * @throws IllegalStateException when {@code next} cannot follow this state, e.g. FIRING to
   *     PENDING, which would restart the wait of a problem already confirmed
   */
  ConditionState moveTo(ConditionState next) {
    boolean allowed =
        switch (this) {
          case INACTIVE -> next == PENDING;
          case PENDING -> next == FIRING || next == INACTIVE;
          case FIRING -> next == INACTIVE;
        };
    if (!allowed) {
      throw new IllegalStateException("cannot move from " + this + " to " + next);
    }
    return next;
  }
}
