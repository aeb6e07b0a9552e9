package io.x0tta6bl4.mapek;

import java.util.Objects;

/**
 * A phase that failed in one cycle. The cycle records it and the next cycle runs as usual.
 *
 * @param phase the phase that threw
 * @param error the exception's class name
 * @param message the exception's message, bounded to 500 characters
 */
public record PhaseError(Phase phase, String error, String message) {

  private static final int MAX_MESSAGE = 500;

  public PhaseError {
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(error, "error");
    message = message == null ? "" : message;
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE);
    }
  }

  public static PhaseError of(Phase phase, Throwable failure) {
    return new PhaseError(
        phase, failure.getClass().getName(), String.valueOf(failure.getMessage()));
  }
}
