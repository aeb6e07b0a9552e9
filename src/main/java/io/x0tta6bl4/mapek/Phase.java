package io.x0tta6bl4.mapek;

import java.util.Locale;

/** The phases of one cycle, in order; {@code KNOWLEDGE} is the write of the cycle's record. */
public enum Phase {
  MONITOR,
  ANALYZE,
  PLAN,
  EXECUTE,
  KNOWLEDGE;

  /** Lower-case name used in metric tags, JSON and the database. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
