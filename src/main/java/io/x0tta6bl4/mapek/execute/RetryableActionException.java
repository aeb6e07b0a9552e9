package io.x0tta6bl4.mapek.execute;

/**
 * A transient failure (connection refused, timeout, 5xx, 429): the same action may succeed if tried
 * again later.
 */
public final class RetryableActionException extends ActionException {

  public RetryableActionException(String message, int attempts) {
    super(message, attempts, null);
  }

  public RetryableActionException(String message, int attempts, Throwable cause) {
    super(message, attempts, cause);
  }
}
