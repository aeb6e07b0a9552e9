package io.x0tta6bl4.mapek.execute.kubernetes;

import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.CYCLE;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.T0;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.action;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.controlledPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.x0tta6bl4.mapek.execute.ActionResult;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import io.x0tta6bl4.testsupport.MutableClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class DeletePodTest {

  static {
    Fixtures.quietMockServer();
  }

  KubernetesMockServer server;
  KubernetesClient client;

  private final MutableClock clock = new MutableClock(T0);

  @Test
  void deletePodRemovesThePodFromTheCluster() throws Exception {
    client.pods().inNamespace("x0").resource(controlledPod("x0", "web-5d8f-abcde")).create();
    client.pods().inNamespace("x0").resource(controlledPod("x0", "web-5d8f-fghij")).create();

    ActionResult result =
        Fixtures.handler(client, clock)
            .run(
                action(
                    Map.of("operation", "delete-pod", "namespace", "x0", "name", "web-5d8f-abcde")),
                CYCLE);

    assertThat(result.succeeded()).isTrue();
    assertThat(result.attempts()).isOne();
    assertThat(result.message())
        .isEqualTo("deleted pod x0/web-5d8f-abcde; its ReplicaSet web-5d8f recreates it");
    assertThat(client.pods().inNamespace("x0").withName("web-5d8f-abcde").get()).isNull();
    assertThat(client.pods().inNamespace("x0").withName("web-5d8f-fghij").get()).isNotNull();
  }

  @Test
  void namespaceDefaultsToTheConfiguredOne() throws Exception {
    client.pods().inNamespace("shop").resource(controlledPod("shop", "p1")).create();

    ActionResult result =
        Fixtures.handler(client, Fixtures.properties("shop", 1, 10), clock)
            .run(action(Map.of("operation", "delete-pod", "name", "p1")), CYCLE);

    assertThat(result.succeeded()).isTrue();
    assertThat(client.pods().inNamespace("shop").withName("p1").get()).isNull();
  }

  @Test
  void aPodThatDoesNotExistIsNotFound() {
    assertThatThrownBy(
            () ->
                Fixtures.handler(client, clock)
                    .run(
                        action(Map.of("operation", "delete-pod", "namespace", "x0", "name", "p1")),
                        CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("pod x0/p1 not found");
  }

  @Test
  void aPodWithoutControllerIsNotDeletedBecauseNothingWouldRecreateIt() {
    Pod bare =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("x0")
            .withName("p1")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("busybox")
            .endContainer()
            .endSpec()
            .build();
    client.pods().inNamespace("x0").resource(bare).create();

    assertThatThrownBy(
            () ->
                Fixtures.handler(client, clock)
                    .run(
                        action(Map.of("operation", "delete-pod", "namespace", "x0", "name", "p1")),
                        CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("pod x0/p1 has no controller to recreate it; not deleted");
    assertThat(client.pods().inNamespace("x0").withName("p1").get()).isNotNull();
  }
}
