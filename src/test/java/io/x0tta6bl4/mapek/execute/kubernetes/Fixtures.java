package io.x0tta6bl4.mapek.execute.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Actions and cluster objects for the kubernetes handler tests. */
final class Fixtures {

  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  static final CycleContext CYCLE = new CycleContext(42, T0, Mode.ACTIVE);

  /** JUL loggers are held weakly; this reference keeps the level set below. */
  private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

  private Fixtures() {}

  /** The mock API server logs every request at INFO through java.util.logging. */
  static void quietMockServer() {
    MOCK_SERVER_LOG.setLevel(Level.WARNING);
  }

  static Action action(Map<String, String> params) {
    return new Action(
        "42-1", "kubernetes", "web", params, "unhealthy-web", 0, "target_down", "web is down");
  }

  /** A handler over {@code client} with the default bounds 1..10 and namespace {@code default}. */
  static KubernetesActionHandler handler(KubernetesClient client, MutableClock clock) {
    return handler(client, KubernetesProperties.defaults(), clock);
  }

  static KubernetesActionHandler handler(
      KubernetesClient client, KubernetesProperties properties, MutableClock clock) {
    return new KubernetesActionHandler(properties, () -> client, clock);
  }

  static KubernetesProperties properties(String namespace, int min, int max) {
    return new KubernetesProperties(true, namespace, min, max, Duration.ofSeconds(5));
  }

  /** A pod its ReplicaSet {@code web-5d8f} owns, as a Deployment's pods are. */
  static Pod controlledPod(String namespace, String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName("web-5d8f")
        .withUid("0b6c1a8e-1111-2222-3333-444455556666")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage("nginx:1.27")
        .endContainer()
        .endSpec()
        .build();
  }

  static Deployment deployment(String namespace, String name, Integer replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name))
        .endSpec()
        .build();
  }

  static StatefulSet statefulSet(String namespace, String name, String updateStrategy) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(3)
        .withServiceName(name)
        .withNewUpdateStrategy()
        .withType(updateStrategy)
        .endUpdateStrategy()
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withTemplate(template(name))
        .endSpec()
        .build();
  }

  /** A template with an annotation of its own, to show a restart keeps the others. */
  private static PodTemplateSpec template(String app) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("app", app)
        .addToAnnotations("team", "shop")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(app)
        .withImage("nginx:1.27")
        .endContainer()
        .endSpec()
        .build();
  }
}
