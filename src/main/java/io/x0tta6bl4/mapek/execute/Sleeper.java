package io.x0tta6bl4.mapek.execute;

import java.time.Duration;

/** Waits between retries; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

  /** Sleeps on the real clock. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException when the thread is interrupted; the caller stops retrying
   */
  void sleep(Duration duration) throws InterruptedException;
}
