package io.x0tta6bl4.mapek.execute.kubernetes;

import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.CYCLE;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.T0;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.action;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.deployment;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.execute.ActionResult;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import io.x0tta6bl4.testsupport.MutableClock;
import io.x0tta6bl4.testsupport.RecordingTracing;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ScaleTest {

  static {
    Fixtures.quietMockServer();
  }

  KubernetesMockServer server;
  KubernetesClient client;

  private final MutableClock clock = new MutableClock(T0);

  @Test
  void scaleSetsTheReplicasAskedFor() throws Exception {
    givenDeployment(3);

    ActionResult result = scale(Map.of("replicas", "5"));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.message()).isEqualTo("scaled deployment x0/web 3 -> 5");
    assertThat(replicas()).isEqualTo(5);
  }

  @Test
  void aScaleIsAClientSpanNamingTheOperationNamespaceObjectAndApiServer() throws Exception {
    givenDeployment(3);
    RecordingTracing tracing = new RecordingTracing();
    KubernetesActionHandler handler =
        new KubernetesActionHandler(Fixtures.properties("x0", 1, 10), () -> client, clock, tracing);

    handler.run(action(Map.of("operation", "scale", "name", "web", "replicas", "4")), CYCLE);

    RecordingTracing.Recorded span = tracing.find(TraceNames.KUBERNETES).orElseThrow();
    assertThat(span.kind()).isEqualTo(RecordingTracing.Kind.CLIENT);
    assertThat(span.attributes())
        .containsEntry(TraceNames.KUBERNETES_OPERATION, "scale")
        .containsEntry(TraceNames.KUBERNETES_NAMESPACE, "x0")
        .containsEntry(TraceNames.KUBERNETES_OBJECT, "deployment x0/web")
        .containsEntry(TraceNames.SERVER_ADDRESS, client.getMasterUrl().getHost());
    assertThat(span.failure()).isNull();
  }

  @Test
  void aRefusedChangeMarksTheKubernetesSpanFailedWithTheReason() {
    RecordingTracing tracing = new RecordingTracing();
    KubernetesActionHandler handler =
        new KubernetesActionHandler(Fixtures.properties("x0", 1, 10), () -> client, clock, tracing);

    assertThatThrownBy(
            () ->
                handler.run(
                    action(Map.of("operation", "scale", "name", "absent", "replicas", "4")), CYCLE))
        .isInstanceOf(TerminalActionException.class);

    RecordingTracing.Recorded span = tracing.find(TraceNames.KUBERNETES).orElseThrow();
    assertThat(span.failure()).contains("deployment x0/absent");
  }

  @Test
  void scaleByDeltaAddsOrRemovesReplicas() throws Exception {
    givenDeployment(3);

    assertThat(scale(Map.of("delta", "+1")).message()).isEqualTo("scaled deployment x0/web 3 -> 4");
    assertThat(replicas()).isEqualTo(4);
    assertThat(scale(Map.of("delta", "-2")).message()).isEqualTo("scaled deployment x0/web 4 -> 2");
    assertThat(replicas()).isEqualTo(2);
  }

  @Test
  void scaleBeyondTheConfiguredMaximumStopsAtIt() throws Exception {
    givenDeployment(3);

    ActionResult result = scale(Map.of("replicas", "50"));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.message())
        .isEqualTo("scaled deployment x0/web 3 -> 10 (clamped to max 10, asked for 50)");
    assertThat(replicas()).isEqualTo(10);
  }

  @Test
  void theActionsOwnMaximumNarrowsTheConfiguredOne() throws Exception {
    givenDeployment(3);

    ActionResult result = scale(Map.of("delta", "+3", "max", "5"));

    assertThat(result.message())
        .isEqualTo("scaled deployment x0/web 3 -> 5 (clamped to max 5, asked for 6)");
    assertThat(replicas()).isEqualTo(5);
  }

  @Test
  void theActionsOwnMaximumDoesNotWidenTheConfiguredOne() throws Exception {
    givenDeployment(9);

    ActionResult result = scale(Map.of("delta", "+3", "max", "20"));

    assertThat(result.message())
        .isEqualTo("scaled deployment x0/web 9 -> 10 (clamped to max 10, asked for 12)");
    assertThat(replicas()).isEqualTo(10);
  }

  @Test
  void scaleBelowTheMinimumStopsAtIt() throws Exception {
    givenDeployment(3);

    ActionResult result = scale(Map.of("replicas", "0", "min", "2"));

    assertThat(result.message())
        .isEqualTo("scaled deployment x0/web 3 -> 2 (clamped to min 2, asked for 0)");
    assertThat(replicas()).isEqualTo(2);
  }

  @Test
  void scaleAtTheBoundSucceedsWithoutChangingAnything() throws Exception {
    givenDeployment(10);
    String version = resourceVersion();

    ActionResult result = scale(Map.of("delta", "+1"));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.message())
        .isEqualTo("no change: deployment x0/web already at max 10 (asked for 11)");
    assertThat(replicas()).isEqualTo(10);
    assertThat(resourceVersion()).isEqualTo(version);
  }

  @Test
  void aBoundNeverTurnsAScaleUpIntoAScaleDown() throws Exception {
    givenDeployment(12);

    ActionResult result = scale(Map.of("delta", "+1"));

    assertThat(result.succeeded()).isTrue();
    assertThat(result.message())
        .isEqualTo("no change: deployment x0/web has 12 replicas, above max 10 (asked for 13)");
    assertThat(replicas()).isEqualTo(12);
  }

  @Test
  void scaleActsOnAStatefulSet() throws Exception {
    client.apps().statefulSets().inNamespace("x0").resource(statefulSet("x0", "db", null)).create();
    Map<String, String> params = new HashMap<>(Map.of("resource", "statefulset", "replicas", "4"));
    params.put("name", "db");

    ActionResult result = scale(params);

    assertThat(result.message()).isEqualTo("scaled statefulset x0/db 3 -> 4");
    assertThat(
            client
                .apps()
                .statefulSets()
                .inNamespace("x0")
                .withName("db")
                .get()
                .getSpec()
                .getReplicas())
        .isEqualTo(4);
  }

  @Test
  void anUnknownDeploymentIsNotFound() {
    assertThatThrownBy(() -> scale(Map.of("replicas", "2")))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("deployment x0/web not found");
  }

  private void givenDeployment(int replicas) {
    client
        .apps()
        .deployments()
        .inNamespace("x0")
        .resource(deployment("x0", "web", replicas))
        .create();
  }

  private ActionResult scale(Map<String, String> extra) throws Exception {
    Map<String, String> params = new HashMap<>(Map.of("operation", "scale", "namespace", "x0"));
    params.put("name", "web");
    params.putAll(extra);
    return Fixtures.handler(client, clock).run(action(params), CYCLE);
  }

  private int replicas() {
    return client
        .apps()
        .deployments()
        .inNamespace("x0")
        .withName("web")
        .get()
        .getSpec()
        .getReplicas();
  }

  private String resourceVersion() {
    return client
        .apps()
        .deployments()
        .inNamespace("x0")
        .withName("web")
        .get()
        .getMetadata()
        .getResourceVersion();
  }
}
