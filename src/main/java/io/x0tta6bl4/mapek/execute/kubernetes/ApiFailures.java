package io.x0tta6bl4.mapek.execute.kubernetes;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.x0tta6bl4.mapek.execute.ActionException;
import io.x0tta6bl4.mapek.execute.RetryableActionException;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the Kubernetes client threw into an outcome message. No answer from the API server,
 * 5xx, 429 and 409 are retryable; 401, 403, 404 and any other answer are terminal.
 */
final class ApiFailures {

  static final int MAX_REASON = 300;

  private static final int MAX_CAUSES = 20;

  private ApiFailures() {}

  /**
   * @param failure what the client threw for one action (it made one attempt)
   * @param subject the object the action was about, e.g. {@code deployment x0/web}
   * @param master the API server's URL, for messages about reaching it
   */
  static ActionException translate(
      KubernetesClientException failure, String subject, String master) {
    // the client turns an interrupt into InterruptedIOException caused by InterruptedException;
    // InterruptedIOException alone is no sign: SocketTimeoutException is one too
    if (causedBy(failure, InterruptedException.class) || Thread.currentThread().isInterrupted()) {
      Thread.currentThread().interrupt();
      return new RetryableActionException(
          "interrupted while waiting for the API server", 1, failure);
    }
    int code = failure.getCode();
    if (code < 100) {
      return noAnswer(failure, master);
    }
    String detail = detail(failure);
    return switch (code) {
      case 401, 403 -> new TerminalActionException("forbidden: " + detail, 1);
      case 404 -> new TerminalActionException(subject + " not found", 1);
      case 409 ->
          new RetryableActionException(
              subject + " changed while the action ran (409): " + detail, 1, failure);
      default ->
          code == 429 || code >= 500
              ? new RetryableActionException(
                  "API server answered " + code + ": " + detail, 1, failure)
              : new TerminalActionException("API server refused (" + code + "): " + detail, 1);
    };
  }

  /** A failure before any HTTP answer: the cluster could not be reached, or the client failed. */
  private static ActionException noAnswer(KubernetesClientException failure, String master) {
    if (causedBy(failure, IOException.class) || causedBy(failure, TimeoutException.class)) {
      return new RetryableActionException(
          "no cluster access: " + master + ": " + reason(failure), 1, failure);
    }
    return new TerminalActionException("kubernetes client failed: " + reason(failure), 1);
  }

  /** The API server's own sentence when it sent a Status, else its reason or the bare code. */
  private static String detail(KubernetesClientException failure) {
    Status status = failure.getStatus();
    if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
      return bounded(status.getMessage());
    }
    if (status != null && status.getReason() != null && !status.getReason().isBlank()) {
      return bounded(status.getReason());
    }
    return "HTTP " + failure.getCode();
  }

  /**
   * The innermost message of {@code failure}'s causes: the client wraps a refused connection in
   * "Operation ... failed.", and the useful part ("Connection refused") is at the bottom.
   */
  static String reason(Throwable failure) {
    String reason = null;
    for (Throwable t : causes(failure)) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getClass().getSimpleName() + ": " + t.getMessage();
      } else if (reason == null) {
        reason = t.getClass().getSimpleName();
      }
    }
    return bounded(reason.replaceAll("\\s+", " ").strip());
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    return causes(failure).stream().anyMatch(type::isInstance);
  }

  /** {@code failure} and its causes, outermost first; a cycle in the chain ends it. */
  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && chain.size() < MAX_CAUSES; t = t.getCause()) {
      if (chain.contains(t)) {
        break;
      }
      chain.add(t);
    }
    return chain;
  }

  private static String bounded(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
  }
}
