package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.Knowledge;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the cycles that are older than the retention, measured on the injected clock. As a {@link
 * Runnable} it never throws, so that a scheduler keeps running it after a failure.
 */
public final class RetentionPruner implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);

  private final Knowledge knowledge;
  private final Duration retention;
  private final Clock clock;

  public RetentionPruner(Knowledge knowledge, Duration retention, Clock clock) {
    this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Deletes every cycle that started before now minus the retention.
   *
   * @return how many cycles were deleted
   */
  public int pruneNow() {
    Instant cutoff = clock.instant().minus(retention);
    int deleted = knowledge.prune(cutoff);
    log.info("Pruned {} cycles that started before {} (retention {})", deleted, cutoff, retention);
    return deleted;
  }

  /** {@link #pruneNow()}, logging a failure instead of throwing it. */
  @Override
  public void run() {
    try {
      pruneNow();
    } catch (RuntimeException e) {
      log.warn("Pruning knowledge failed; the next scheduled run tries again", e);
    }
  }
}
