package io.x0tta6bl4.mapek.plan;

import java.time.Duration;

/** Told when a problem the planner acted on has cleared, and how long it lasted. */
@FunctionalInterface
public interface RecoveryListener {

  RecoveryListener NONE = (target, symptom, sinceDetection) -> {};

  /**
   * @param sinceDetection from the first cycle that reported the problem to the first that did not
   */
  void recovered(String target, String symptom, Duration sinceDetection);
}
