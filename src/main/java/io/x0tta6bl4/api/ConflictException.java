package io.x0tta6bl4.api;

/** The request contradicts the current state (an action no longer waiting, a taken id): 409. */
public final class ConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String detail) {
    super(detail);
  }
}
