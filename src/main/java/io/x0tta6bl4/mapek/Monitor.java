package io.x0tta6bl4.mapek;

/** The M of MAPE-K: observes every target once per cycle. */
public interface Monitor {

  /**
   * Collects one snapshot. Never throws for a target that is down: such a target is reported in
   * {@link Snapshot#targets()} with {@code up=false} and the reason.
   */
  Snapshot collect(CycleContext cycle);
}
