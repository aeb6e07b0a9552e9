package io.x0tta6bl4.mapek.execute.kubernetes;

import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.CYCLE;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.T0;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.action;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.controlledPod;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.execute.HandlerExecutor;
import io.x0tta6bl4.mapek.execute.RetryableActionException;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Answers a real API server gives, scripted on the mock server in expectation mode. */
@EnableKubernetesMockClient(kubernetesClientBuilderCustomizer = ApiErrorsTest.NoRetries.class)
class ApiErrorsTest {

  static {
    Fixtures.quietMockServer();
  }

  /** The handler's own client never retries; the injected one must not either. */
  public static class NoRetries implements Consumer<KubernetesClientBuilder> {
    @Override
    public void accept(KubernetesClientBuilder builder) {
      builder.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig();
    }
  }

  private static final String POD = "/api/v1/namespaces/x0/pods/p1";
  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/x0/deployments/web";
  private static final Map<String, String> DELETE_P1 =
      Map.of("operation", "delete-pod", "namespace", "x0", "name", "p1");
  private static final Map<String, String> SCALE_WEB =
      Map.of("operation", "scale", "namespace", "x0", "name", "web", "replicas", "5");

  KubernetesMockServer server;
  KubernetesClient client;

  private final MutableClock clock = new MutableClock(T0);

  @Test
  void forbiddenIsTerminalWithTheApiServersReason() {
    String denied =
        "pods \"p1\" is forbidden: User \"system:serviceaccount:x0:x0tta6bl4\" cannot get"
            + " resource \"pods\" in API group \"\" in the namespace \"x0\"";
    server.expect().get().withPath(POD).andReturn(403, status(403, "Forbidden", denied)).once();

    assertThatThrownBy(() -> Fixtures.handler(client, clock).run(action(DELETE_P1), CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("forbidden: " + denied)
        .extracting(e -> ((TerminalActionException) e).attempts())
        .isEqualTo(1);
  }

  @Test
  void aForbiddenDeleteIsAFailedOutcomeNeverASuccess() {
    server.expect().get().withPath(POD).andReturn(200, controlledPod("x0", "p1")).once();
    server
        .expect()
        .delete()
        .withPath(POD)
        .andReturn(403, status(403, "Forbidden", "cannot delete resource \"pods\""))
        .once();
    HandlerExecutor executor =
        new HandlerExecutor(
            List.of(Fixtures.handler(client, clock)), Duration.ofSeconds(10), 1, clock);

    Outcome outcome =
        executor
            .execute(CYCLE, new Plan(42, Mode.ACTIVE, List.of(action(DELETE_P1)), List.of()))
            .get(0);
    executor.close();

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message()).isEqualTo("forbidden: cannot delete resource \"pods\"");
  }

  @Test
  void unauthorizedIsTerminalForbidden() {
    server.expect().get().withPath(POD).andReturn(401, status(401, "Unauthorized", "")).once();

    assertThatThrownBy(() -> Fixtures.handler(client, clock).run(action(DELETE_P1), CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("forbidden: Unauthorized");
  }

  @Test
  void aServerErrorIsRetryableAndTheClientDoesNotRetryItByItself() {
    server
        .expect()
        .get()
        .withPath(POD)
        .andReturn(503, status(503, "ServiceUnavailable", "etcdserver: leader changed"))
        .always();

    assertThatThrownBy(() -> Fixtures.handler(client, clock).run(action(DELETE_P1), CYCLE))
        .isInstanceOf(RetryableActionException.class)
        .hasMessage("API server answered 503: etcdserver: leader changed");
    assertThat(server.getRequestCount()).isOne();
  }

  @Test
  void tooManyRequestsIsRetryable() {
    server
        .expect()
        .get()
        .withPath(POD)
        .andReturn(429, status(429, "TooManyRequests", "too many requests"))
        .always();

    assertThatThrownBy(() -> Fixtures.handler(client, clock).run(action(DELETE_P1), CYCLE))
        .isInstanceOf(RetryableActionException.class)
        .hasMessage("API server answered 429: too many requests");
  }

  @Test
  void aChangeBySomeoneElseBetweenReadAndScaleIsAConflictNotAnOverwrite() throws Exception {
    Deployment web = deployment("x0", "web", 3);
    web.getMetadata().setResourceVersion("7");
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, web).always();
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENT)
        .andReturn(409, status(409, "Conflict", "the object has been modified"))
        .once();

    assertThatThrownBy(() -> Fixtures.handler(client, clock).run(action(SCALE_WEB), CYCLE))
        .isInstanceOf(RetryableActionException.class)
        .hasMessage(
            "deployment x0/web changed while the action ran (409): the object has been modified");
    assertThat(server.getLastRequest().getBody().readUtf8())
        .isEqualTo("{\"metadata\":{\"resourceVersion\":\"7\"},\"spec\":{\"replicas\":5}}");
  }

  @Test
  void aRejectedPatchIsTerminal() {
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment("x0", "web", 3)).always();
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENT)
        .andReturn(422, status(422, "Invalid", "spec.replicas: Invalid value"))
        .once();

    assertThatThrownBy(() -> Fixtures.handler(client, clock).run(action(SCALE_WEB), CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("API server refused (422): spec.replicas: Invalid value");
  }

  @Test
  void aScaleTheServerDidNotApplyIsFailedNotSucceeded() throws Exception {
    server.expect().get().withPath(DEPLOYMENT).andReturn(200, deployment("x0", "web", 3)).always();
    server.expect().patch().withPath(DEPLOYMENT).andReturn(200, deployment("x0", "web", 3)).once();

    var result = Fixtures.handler(client, clock).run(action(SCALE_WEB), CYCLE);

    assertThat(result.succeeded()).isFalse();
    assertThat(result.message())
        .isEqualTo("deployment x0/web: asked for 5 replicas but the spec shows 3");
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withReason(reason)
        .withMessage(message)
        .build();
  }
}
