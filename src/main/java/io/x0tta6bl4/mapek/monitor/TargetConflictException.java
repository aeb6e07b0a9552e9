package io.x0tta6bl4.mapek.monitor;

/** A change to the targets that contradicts what exists (a taken id, a configured target). */
public final class TargetConflictException extends RuntimeException {

  public TargetConflictException(String message) {
    super(message);
  }
}
