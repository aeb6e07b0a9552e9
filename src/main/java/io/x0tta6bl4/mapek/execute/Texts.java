package io.x0tta6bl4.mapek.execute;

import java.time.Duration;

/** Formatting shared by the executor and its handlers, so messages read the same everywhere. */
final class Texts {

  private Texts() {}

  /** {@code 10s}, {@code 300ms}: the way the configuration spells durations. */
  static String human(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  /** Cuts {@code text} to at most {@code max} characters, marking the cut with an ellipsis. */
  static String bounded(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** "<SimpleName>: <message>", bounded, for a failure nobody wrote a message for. */
  static String describe(Throwable failure, int max) {
    String name = failure.getClass().getSimpleName();
    String message = firstMessage(failure);
    return bounded(message == null ? name : name + ": " + message, max);
  }

  /** JDK network exceptions often carry their text only on a cause, e.g. "Connection refused". */
  private static String firstMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return null;
  }

  static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
