package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.TargetStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs a target going down, changing its reason, or coming back, once per change: a target down for
 * an hour at a one-second interval must not write 3,600 warnings.
 */
final class TargetLog {

  private final Logger log;
  private final Map<String, String> lastReason = new ConcurrentHashMap<>();

  TargetLog(Logger log) {
    this.log = log;
  }

  void report(List<TargetStatus> targets) {
    Set<String> seen = new HashSet<>();
    for (TargetStatus target : targets) {
      seen.add(target.target());
      String reason = target.up() ? "" : target.reason();
      String previous = lastReason.put(target.target(), reason);
      if (!target.up() && !reason.equals(previous)) {
        log.warn("target {} is down: {}", target.target(), reason);
      } else if (target.up() && previous != null && !previous.isEmpty()) {
        log.info("target {} is up again", target.target());
      } else if (!target.up()) {
        log.debug("target {} is still down: {}", target.target(), reason);
      }
    }
    lastReason.keySet().retainAll(seen);
  }
}
