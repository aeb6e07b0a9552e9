package io.x0tta6bl4.mapek.execute.kubernetes;

import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.CYCLE;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.T0;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.action;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.deployment;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.x0tta6bl4.mapek.execute.ActionResult;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RolloutRestartTest {

  static {
    Fixtures.quietMockServer();
  }

  KubernetesMockServer server;
  KubernetesClient client;

  private final MutableClock clock = new MutableClock(T0);

  @Test
  void rolloutRestartStampsTheDeploymentsPodTemplateWithTheClocksTime() throws Exception {
    client.apps().deployments().inNamespace("x0").resource(deployment("x0", "web", 3)).create();

    ActionResult result = restart("deployment", "web");

    assertThat(result.succeeded()).isTrue();
    assertThat(result.message())
        .isEqualTo(
            "restarted deployment x0/web (kubectl.kubernetes.io/restartedAt=2026-11-24T10:00:00Z)");
    Map<String, String> annotations = templateAnnotations("web");
    assertThat(annotations)
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-11-24T10:00:00Z")
        .containsEntry("team", "shop");
  }

  @Test
  void aSecondRestartMovesTheStampSoTheControllerRollsAgain() throws Exception {
    client.apps().deployments().inNamespace("x0").resource(deployment("x0", "web", 3)).create();
    restart("deployment", "web");
    clock.advance(Duration.ofMinutes(5));

    assertThat(restart("deployment", "web").succeeded()).isTrue();

    assertThat(templateAnnotations("web"))
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-11-24T10:05:00Z");
  }

  @Test
  void rolloutRestartStampsAStatefulSet() throws Exception {
    client.apps().statefulSets().inNamespace("x0").resource(statefulSet("x0", "db", null)).create();

    ActionResult result = restart("statefulset", "db");

    assertThat(result.succeeded()).isTrue();
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace("x0")
                .withName("db")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .containsEntry("kubectl.kubernetes.io/restartedAt", "2026-11-24T10:00:00Z");
  }

  @Test
  void aStatefulSetUpdatedOnDeleteIsNotRestartedBecauseNoPodWouldBeReplaced() {
    client
        .apps()
        .statefulSets()
        .inNamespace("x0")
        .resource(statefulSet("x0", "db", "OnDelete"))
        .create();

    assertThatThrownBy(() -> restart("statefulset", "db"))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage(
            "statefulset x0/db has updateStrategy OnDelete, so a restart would not replace its pods");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace("x0")
                .withName("db")
                .get()
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations())
        .doesNotContainKey("kubectl.kubernetes.io/restartedAt");
  }

  @Test
  void aPausedDeploymentIsNotRestarted() {
    Deployment paused = deployment("x0", "web", 3);
    paused.getSpec().setPaused(true);
    client.apps().deployments().inNamespace("x0").resource(paused).create();

    assertThatThrownBy(() -> restart("deployment", "web"))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("deployment x0/web is paused; resume its rollout first");
    assertThat(templateAnnotations("web")).doesNotContainKey("kubectl.kubernetes.io/restartedAt");
  }

  @Test
  void anUnknownDeploymentIsNotFound() {
    assertThatThrownBy(() -> restart("deployment", "web"))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("deployment x0/web not found");
  }

  @Test
  void theResourceDefaultsToDeployment() throws Exception {
    client.apps().deployments().inNamespace("x0").resource(deployment("x0", "web", 3)).create();

    ActionResult result =
        Fixtures.handler(client, clock)
            .run(
                action(Map.of("operation", "rollout-restart", "namespace", "x0", "name", "web")),
                CYCLE);

    assertThat(result.succeeded()).isTrue();
    assertThat(templateAnnotations("web")).containsKey("kubectl.kubernetes.io/restartedAt");
  }

  private ActionResult restart(String resource, String name) throws Exception {
    return Fixtures.handler(client, clock)
        .run(
            action(
                Map.of(
                    "operation",
                    "rollout-restart",
                    "resource",
                    resource,
                    "namespace",
                    "x0",
                    "name",
                    name)),
            CYCLE);
  }

  private Map<String, String> templateAnnotations(String name) {
    return client
        .apps()
        .deployments()
        .inNamespace("x0")
        .withName(name)
        .get()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations();
  }
}
