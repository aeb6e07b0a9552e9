package io.x0tta6bl4.mapek;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether the Monitor could observe a target in this cycle.
 *
 * @param target target id
 * @param up true when the source answered with usable data
 * @param reason why the target is down; empty when it is up
 * @param latency how long the source took to answer
 */
public record TargetStatus(String target, boolean up, String reason, Duration latency) {

  public TargetStatus {
    Objects.requireNonNull(target, "target");
    reason = reason == null ? "" : reason;
    Objects.requireNonNull(latency, "latency");
  }
}
