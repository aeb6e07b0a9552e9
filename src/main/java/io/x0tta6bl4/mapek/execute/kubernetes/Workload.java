package io.x0tta6bl4.mapek.execute.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** The workloads {@code rollout-restart} and {@code scale} act on ({@code params.resource}). */
enum Workload {
  DEPLOYMENT("deployment") {
    @Override
    Resource<? extends HasMetadata> resource(
        KubernetesClient client, String namespace, String name) {
      return client.apps().deployments().inNamespace(namespace).withName(name);
    }

    @Override
    Integer specReplicas(HasMetadata workload) {
      return ((Deployment) workload).getSpec().getReplicas();
    }

    @Override
    PodTemplateSpec template(HasMetadata workload) {
      return ((Deployment) workload).getSpec().getTemplate();
    }

    /** The deployment controller ignores template changes while paused (kubectl refuses too). */
    @Override
    Optional<String> whyRestartWouldNotRoll(HasMetadata workload) {
      return Boolean.TRUE.equals(((Deployment) workload).getSpec().getPaused())
          ? Optional.of("is paused; resume its rollout first")
          : Optional.empty();
    }
  },

  STATEFULSET("statefulset") {
    @Override
    Resource<? extends HasMetadata> resource(
        KubernetesClient client, String namespace, String name) {
      return client.apps().statefulSets().inNamespace(namespace).withName(name);
    }

    @Override
    Integer specReplicas(HasMetadata workload) {
      return ((StatefulSet) workload).getSpec().getReplicas();
    }

    @Override
    PodTemplateSpec template(HasMetadata workload) {
      return ((StatefulSet) workload).getSpec().getTemplate();
    }

    /**
     * With OnDelete, a new template reaches a pod only when that pod is deleted (kubectl refuses).
     */
    @Override
    Optional<String> whyRestartWouldNotRoll(HasMetadata workload) {
      var strategy = ((StatefulSet) workload).getSpec().getUpdateStrategy();
      String type = strategy == null ? null : strategy.getType();
      return type == null || type.equals("RollingUpdate")
          ? Optional.empty()
          : Optional.of("has updateStrategy " + type + ", so a restart would not replace its pods");
    }
  };

  private final String param;

  Workload(String param) {
    this.param = param;
  }

  /** The spelling in {@code params.resource}. */
  String param() {
    return param;
  }

  static Optional<Workload> fromParam(String value) {
    return Arrays.stream(values()).filter(w -> w.param.equals(value)).findFirst();
  }

  abstract Resource<? extends HasMetadata> resource(
      KubernetesClient client, String namespace, String name);

  abstract Integer specReplicas(HasMetadata workload);

  abstract PodTemplateSpec template(HasMetadata workload);

  /** Why a new pod template would not replace the pods, or empty when it would. */
  abstract Optional<String> whyRestartWouldNotRoll(HasMetadata workload);

  /** The API server defaults an unset {@code spec.replicas} to 1. */
  int replicas(HasMetadata workload) {
    Integer replicas = specReplicas(workload);
    return replicas == null ? 1 : replicas;
  }

  Map<String, String> templateAnnotations(HasMetadata workload) {
    PodTemplateSpec template = template(workload);
    if (template == null || template.getMetadata() == null) {
      return Map.of();
    }
    Map<String, String> annotations = template.getMetadata().getAnnotations();
    return annotations == null ? Map.of() : annotations;
  }
}
