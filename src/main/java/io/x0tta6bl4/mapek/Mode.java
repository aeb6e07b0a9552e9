package io.x0tta6bl4.mapek;

/** Whether the Executor really acts ({@code ACTIVE}) or only records what it would do. */
public enum Mode {
  ACTIVE,
  DRY_RUN
}
