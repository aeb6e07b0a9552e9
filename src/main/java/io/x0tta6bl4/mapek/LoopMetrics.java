package io.x0tta6bl4.mapek;

import java.time.Duration;

/**
 * What the loop reports about itself, so the loop needs no metrics library. The Micrometer
 * implementation lives in {@code observability}; {@link #NONE} serves tests and benchmarks.
 */
public interface LoopMetrics {

  LoopMetrics NONE = new LoopMetrics() {};

  /** One phase of one cycle took {@code took}; called for every phase that ran. */
  default void phaseTimed(Phase phase, Duration took) {}

  /** A cycle finished (with or without phase errors) and was handed to Knowledge. */
  default void cycleCompleted(CycleReport report) {}

  /** Knowledge refused a cycle; the cycle is only in memory. */
  default void knowledgeWriteFailed() {}
}
