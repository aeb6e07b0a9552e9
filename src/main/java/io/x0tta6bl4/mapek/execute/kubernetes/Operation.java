package io.x0tta6bl4.mapek.execute.kubernetes;

import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** What a {@code kubernetes} action does ({@code params.operation}), with the params it takes. */
enum Operation {
  DELETE_POD("delete-pod", Set.of()),
  ROLLOUT_RESTART("rollout-restart", Set.of("resource")),
  SCALE("scale", Set.of("resource", "replicas", "delta", "min", "max"));

  private final String param;
  private final Set<String> keys;

  Operation(String param, Set<String> own) {
    this.param = param;
    TreeSet<String> all = new TreeSet<>(Set.of("operation", "name", "namespace"));
    all.addAll(own);
    this.keys = Collections.unmodifiableSortedSet(all);
  }

  /** The spelling in {@code params.operation}. */
  String param() {
    return param;
  }

  /** Every params key this operation reads, sorted; any other key is a mistake. */
  Set<String> keys() {
    return keys;
  }

  static Optional<Operation> fromParam(String value) {
    return Arrays.stream(values()).filter(o -> o.param.equals(value)).findFirst();
  }

  static String spellings() {
    return "delete-pod, rollout-restart, scale";
  }
}
