package io.x0tta6bl4.mapek.execute;

/**
 * A failure a handler understood: its message is written for a person and becomes the outcome's
 * message as it is. Either {@link RetryableActionException} or {@link TerminalActionException}.
 */
public abstract sealed class ActionException extends Exception
    permits RetryableActionException, TerminalActionException {

  private final int attempts;

  ActionException(String message, int attempts, Throwable cause) {
    super(message, cause);
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, but was " + attempts);
    }
    this.attempts = attempts;
  }

  /** How many times the action was tried before this failure; 0 when nothing was tried. */
  public int attempts() {
    return attempts;
  }
}
