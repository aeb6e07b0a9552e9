package io.x0tta6bl4.mapek.execute.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.x0tta6bl4.mapek.execute.ActionResult;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The three operations against one cluster. Each reads the object first, changes it with one
 * request, and checks the answer, so a success is reported only when the API server shows the
 * change. Client exceptions pass through to the caller, which translates them.
 */
final class ClusterActions {

  /** The pod template annotation {@code kubectl rollout restart} sets. */
  static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  /** Merge patches: a strategic merge would do the same for these maps, and is Kubernetes-only. */
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final KubernetesClient client;

  ClusterActions(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  /**
   * Deletes a pod that has a controller. A pod nobody owns would be gone for good, which is not a
   * remedy, so it is refused.
   */
  ActionResult deletePod(KubernetesRequest request) throws TerminalActionException {
    PodResource resource = client.pods().inNamespace(request.namespace()).withName(request.name());
    Pod pod = resource.get();
    if (pod == null) {
      throw notFound(request);
    }
    OwnerReference controller =
        controllerOf(pod)
            .orElseThrow(
                () ->
                    new TerminalActionException(
                        request.subject() + " has no controller to recreate it; not deleted", 1));
    if (resource.delete().isEmpty()) {
      throw notFound(request);
    }
    return ActionResult.succeeded(
        1,
        "deleted "
            + request.subject()
            + "; its "
            + controller.getKind()
            + " "
            + controller.getName()
            + " recreates it");
  }

  /** Sets the restart annotation on the pod template, as {@code kubectl rollout restart} does. */
  ActionResult rolloutRestart(KubernetesRequest request, Instant at)
      throws TerminalActionException {
    Workload workload = request.workload();
    Resource<? extends HasMetadata> resource =
        workload.resource(client, request.namespace(), request.name());
    HasMetadata current = existing(resource, request);
    Optional<String> refusal = workload.whyRestartWouldNotRoll(current);
    if (refusal.isPresent()) {
      throw new TerminalActionException(request.subject() + " " + refusal.get(), 1);
    }
    String stamp = at.toString();
    Map<String, Object> annotations = Map.of("annotations", Map.of(RESTARTED_AT, stamp));
    Map<String, Object> patch = Map.of("spec", Map.of("template", Map.of("metadata", annotations)));
    HasMetadata updated = resource.patch(MERGE, json(patch));
    String shown = workload.templateAnnotations(updated).get(RESTARTED_AT);
    if (!stamp.equals(shown)) {
      return ActionResult.failed(
          1, request.subject() + ": the restart was accepted but " + RESTARTED_AT + " is " + shown);
    }
    return ActionResult.succeeded(
        1, "restarted " + request.subject() + " (" + RESTARTED_AT + "=" + stamp + ")");
  }

  /**
   * Sets {@code spec.replicas} within the bounds. The patch carries the resourceVersion that was
   * read, so a change by someone else in between (an autoscaler, a person) fails with 409 rather
   * than being overwritten by a count computed from a stale one.
   */
  ActionResult scale(KubernetesRequest request) throws TerminalActionException {
    Workload workload = request.workload();
    Resource<? extends HasMetadata> resource =
        workload.resource(client, request.namespace(), request.name());
    HasMetadata current = existing(resource, request);
    int from = workload.replicas(current);
    KubernetesRequest.Scale scale = request.scale();
    Resize resize = Resize.decide(from, scale.asked(from), scale.bounds());
    if (!resize.changes()) {
      return ActionResult.succeeded(1, resize.describe(request.subject()));
    }
    int shown = workload.replicas(resource.patch(MERGE, json(scalePatch(current, resize.to()))));
    if (shown != resize.to()) {
      return ActionResult.failed(
          1,
          request.subject()
              + ": asked for "
              + resize.to()
              + " replicas but the spec shows "
              + shown);
    }
    return ActionResult.succeeded(1, resize.describe(request.subject()));
  }

  /** {@code spec.replicas}, conditional on the resourceVersion that was read. */
  private static Map<String, Object> scalePatch(HasMetadata current, int replicas) {
    Map<String, Object> patch = new LinkedHashMap<>();
    String version = current.getMetadata().getResourceVersion();
    if (version != null) {
      patch.put("metadata", Map.of("resourceVersion", version));
    }
    patch.put("spec", Map.of("replicas", replicas));
    return patch;
  }

  private static HasMetadata existing(
      Resource<? extends HasMetadata> resource, KubernetesRequest request)
      throws TerminalActionException {
    HasMetadata current = resource.get();
    if (current == null) {
      throw notFound(request);
    }
    return current;
  }

  private static Optional<OwnerReference> controllerOf(Pod pod) {
    if (pod.getMetadata().getOwnerReferences() == null) {
      return Optional.empty();
    }
    return pod.getMetadata().getOwnerReferences().stream()
        .filter(owner -> Boolean.TRUE.equals(owner.getController()))
        .findFirst();
  }

  private String json(Map<String, Object> patch) {
    return client.getKubernetesSerialization().asJson(patch);
  }

  private static TerminalActionException notFound(KubernetesRequest request) {
    return new TerminalActionException(request.subject() + " not found", 1);
  }
}
