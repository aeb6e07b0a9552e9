package io.x0tta6bl4.api;

/** A resource the request names does not exist; the API answers 404. */
public final class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param detail what was not found, for a person (e.g. "cycle 42 not found")
   */
  public NotFoundException(String detail) {
    super(detail);
  }
}
