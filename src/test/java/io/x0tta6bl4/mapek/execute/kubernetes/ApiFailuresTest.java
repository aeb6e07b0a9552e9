package io.x0tta6bl4.mapek.execute.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.x0tta6bl4.mapek.execute.ActionException;
import io.x0tta6bl4.mapek.execute.RetryableActionException;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiFailuresTest {

  private static final String MASTER = "https://10.0.0.1:6443/";

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
  }

  @Test
  void anInterruptIsReportedAndTheThreadStaysInterrupted() {
    InterruptedIOException io = new InterruptedIOException();
    io.initCause(new InterruptedException());

    ActionException failure = translate(new KubernetesClientException("get failed", io));

    assertThat(failure)
        .isInstanceOf(RetryableActionException.class)
        .hasMessage("interrupted while waiting for the API server");
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void aReadTimeoutIsNoClusterAccessNotAnInterrupt() {
    ActionException failure =
        translate(
            new KubernetesClientException(
                "Operation: [get] failed.", new SocketTimeoutException("Read timed out")));

    assertThat(failure)
        .isInstanceOf(RetryableActionException.class)
        .hasMessage("no cluster access: " + MASTER + ": SocketTimeoutException: Read timed out");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void aClientFailureWithoutNetworkCauseIsTerminal() {
    ActionException failure =
        translate(new KubernetesClientException("name not specified for an operation"));

    assertThat(failure)
        .isInstanceOf(TerminalActionException.class)
        .hasMessage(
            "kubernetes client failed: KubernetesClientException: name not specified for an"
                + " operation");
  }

  @Test
  void aLongReasonIsCutToOneBoundedLine() {
    String reason = ApiFailures.reason(new IllegalStateException("line\n" + "x".repeat(1000)));

    assertThat(reason).hasSize(ApiFailures.MAX_REASON).startsWith("IllegalStateException: line x");
  }

  private static ActionException translate(KubernetesClientException e) {
    return ApiFailures.translate(e, "deployment x0/web", MASTER);
  }
}
