package io.x0tta6bl4.mapek.monitor;

import java.time.Duration;

/** Durations in reasons read the way the configuration spells them. */
public final class Durations {

  private Durations() {}

  /** {@code 2s}, {@code 250ms}. */
  public static String human(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  /** The reason of a target that did not answer in time: "timed out after 2s". */
  public static String timedOut(Duration timeout) {
    return "timed out after " + human(timeout);
  }

  /** Nanoseconds as seconds, the unit of every {@code _seconds} series. */
  public static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
