package io.x0tta6bl4.mapek.execute.kubernetes;

import java.util.Objects;

/**
 * One {@code kubernetes} action with its params checked: what to do to which object.
 *
 * @param operation what to do
 * @param workload the kind of object for {@code rollout-restart} and {@code scale}; {@code null}
 *     for {@code delete-pod}
 * @param namespace a valid namespace
 * @param name a valid object name
 * @param scale how many replicas for {@code scale}; {@code null} otherwise
 */
record KubernetesRequest(
    Operation operation, Workload workload, String namespace, String name, Scale scale) {

  KubernetesRequest {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(name, "name");
    if ((operation == Operation.DELETE_POD) != (workload == null)) {
      throw new IllegalArgumentException(operation + " does not fit workload " + workload);
    }
    if ((operation == Operation.SCALE) != (scale != null)) {
      throw new IllegalArgumentException(operation + " does not fit scale " + scale);
    }
  }

  /** {@code pod x0/p1}, {@code deployment x0/web}: how messages name the object. */
  String subject() {
    String kind = workload == null ? "pod" : workload.param();
    return kind + " " + namespace + "/" + name;
  }

  /**
   * The replicas a {@code scale} asks for: exactly one of {@code replicas} (absolute) and {@code
   * delta} (relative to the current count) is set.
   *
   * @param replicas the wanted count, at least 0, or {@code null}
   * @param delta the change, not 0, or {@code null}
   * @param bounds the configured bounds narrowed by the action's own
   */
  record Scale(Integer replicas, Integer delta, ReplicaBounds bounds) {

    Scale {
      if ((replicas == null) == (delta == null)) {
        throw new IllegalArgumentException(
            "exactly one of replicas and delta, but was both or none");
      }
      Objects.requireNonNull(bounds, "bounds");
    }

    /** The count asked for, before the bounds; may be negative for a delta. */
    long asked(int current) {
      return replicas != null ? replicas : (long) current + delta;
    }
  }
}
