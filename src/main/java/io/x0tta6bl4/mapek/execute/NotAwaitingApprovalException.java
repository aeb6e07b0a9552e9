package io.x0tta6bl4.mapek.execute;

/** An approve or reject for an action that is not (or no longer) waiting for approval. */
public final class NotAwaitingApprovalException extends RuntimeException {

  public NotAwaitingApprovalException(String message) {
    super(message);
  }
}
