package io.x0tta6bl4.mapek;

import java.time.Duration;
import java.util.Optional;

/** What operators may do to the running loop; the API's only handle on it. */
public interface LoopControl {

  /** Shortest interval the loop accepts. */
  Duration MIN_INTERVAL = Duration.ofMillis(100);

  /** Longest interval the loop accepts. */
  Duration MAX_INTERVAL = Duration.ofHours(1);

  LoopState state();

  /** Stops scheduling cycles; a cycle already running completes. Idempotent. */
  void pause();

  /** Schedules cycles again, the next one at once. Idempotent. */
  void resume();

  /**
   * Sets the time between cycle starts; takes effect from the next cycle.
   *
   * @throws IllegalArgumentException when outside {@link #MIN_INTERVAL}..{@link #MAX_INTERVAL}
   */
  void changeInterval(Duration interval);

  void changeMode(Mode mode);

  /**
   * Runs one cycle now on the caller's thread (waiting for a running one to finish) and returns it.
   */
  CycleReport runOnce();

  /** The newest cycle this process ran, with its full snapshot. */
  Optional<CycleReport> lastReport();
}
