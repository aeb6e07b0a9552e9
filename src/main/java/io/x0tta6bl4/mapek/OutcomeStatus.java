package io.x0tta6bl4.mapek;

/** How an action ended. */
public enum OutcomeStatus {
  SUCCEEDED,
  FAILED,
  DRY_RUN,
  AWAITING_APPROVAL,
  SKIPPED
}
