package io.x0tta6bl4.mapek.execute;

import java.util.Objects;

/**
 * What a handler reports about one action.
 *
 * @param succeeded whether the action took effect
 * @param attempts how many times the handler tried it (retries included), at least 0
 * @param message what happened, for a person
 */
public record ActionResult(boolean succeeded, int attempts, String message) {

  public ActionResult {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, but was " + attempts);
    }
    Objects.requireNonNull(message, "message");
  }

  public static ActionResult succeeded(int attempts, String message) {
    return new ActionResult(true, attempts, message);
  }

  public static ActionResult failed(int attempts, String message) {
    return new ActionResult(false, attempts, message);
  }
}
