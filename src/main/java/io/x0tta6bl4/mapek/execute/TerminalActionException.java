package io.x0tta6bl4.mapek.execute;

/**
 * A failure that trying again cannot fix (bad parameters, a 4xx answer, a disabled feature): it is
 * recorded and never retried.
 */
public final class TerminalActionException extends ActionException {

  /** A failure found before anything was tried (0 attempts). */
  public TerminalActionException(String message) {
    super(message, 0, null);
  }

  public TerminalActionException(String message, int attempts) {
    super(message, attempts, null);
  }
}
