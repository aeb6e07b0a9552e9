package io.x0tta6bl4.mapek;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The result of running one action.
 *
 * @param actionId the action's idempotency key
 * @param status how it ended
 * @param startedAt when the Executor started it
 * @param duration how long it ran, retries included
 * @param attempts how many times it was tried (0 for DRY_RUN and SKIPPED)
 * @param message what happened, for a person (bounded to 1,000 characters)
 */
public record Outcome(
    String actionId,
    OutcomeStatus status,
    Instant startedAt,
    Duration duration,
    int attempts,
    String message) {

  private static final int MAX_MESSAGE = 1000;

  public Outcome {
    Objects.requireNonNull(actionId, "actionId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(duration, "duration");
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must be >= 0, but was " + attempts);
    }
    message = message == null ? "" : message;
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE);
    }
  }
}
