package io.x0tta6bl4.mapek.execute.kubernetes;

import io.x0tta6bl4.mapek.execute.TerminalActionException;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a {@code kubernetes} action's params into a {@link KubernetesRequest}, before anything
 * reaches a cluster. Every rejection is a {@link TerminalActionException} naming the param.
 */
final class ActionParams {

  private static final int MAX_VALUE_IN_MESSAGE = 80;

  private final KubernetesProperties defaults;

  ActionParams(KubernetesProperties defaults) {
    this.defaults = defaults;
  }

  KubernetesRequest parse(Map<String, String> params) throws TerminalActionException {
    Operation operation = operation(params.get("operation"));
    rejectUnknownKeys(operation, params);
    String name = name(params.get("name"));
    String namespace = namespace(params.get("namespace"));
    if (operation == Operation.DELETE_POD) {
      return new KubernetesRequest(operation, null, namespace, name, null);
    }
    Workload workload = workload(params.get("resource"));
    KubernetesRequest.Scale scale = operation == Operation.SCALE ? scale(params) : null;
    return new KubernetesRequest(operation, workload, namespace, name, scale);
  }

  private static Operation operation(String value) throws TerminalActionException {
    if (value == null) {
      throw new TerminalActionException(
          "params.operation is required: one of " + Operation.spellings());
    }
    return Operation.fromParam(value)
        .orElseThrow(() -> invalid("operation", "one of " + Operation.spellings(), value));
  }

  private static void rejectUnknownKeys(Operation operation, Map<String, String> params)
      throws TerminalActionException {
    TreeSet<String> unknown = new TreeSet<>(params.keySet());
    unknown.removeAll(operation.keys());
    if (!unknown.isEmpty()) {
      throw new TerminalActionException(
          "params."
              + shown(unknown.first())
              + " is not a parameter of kubernetes "
              + operation.param()
              + " (known: "
              + String.join(", ", operation.keys())
              + ")");
    }
  }

  private static String name(String value) throws TerminalActionException {
    if (value == null) {
      throw new TerminalActionException("params.name is required");
    }
    if (!KubernetesNames.isSubdomain(value)) {
      throw invalid("name", KubernetesNames.SUBDOMAIN_RULE, value);
    }
    return value;
  }

  private String namespace(String value) throws TerminalActionException {
    if (value == null) {
      return defaults.namespace();
    }
    if (!KubernetesNames.isLabel(value)) {
      throw invalid("namespace", KubernetesNames.LABEL_RULE, value);
    }
    return value;
  }

  /** Deployments are what most people scale and restart, so they are the default. */
  private static Workload workload(String value) throws TerminalActionException {
    if (value == null) {
      return Workload.DEPLOYMENT;
    }
    return Workload.fromParam(value)
        .orElseThrow(() -> invalid("resource", "deployment or statefulset", value));
  }

  private KubernetesRequest.Scale scale(Map<String, String> params) throws TerminalActionException {
    String replicas = params.get("replicas");
    String delta = params.get("delta");
    if (replicas != null && delta != null) {
      throw new TerminalActionException(
          "params.replicas and params.delta exclude each other, but both were set");
    }
    if (replicas == null && delta == null) {
      throw new TerminalActionException("scale needs params.replicas or params.delta");
    }
    Integer count = replicas == null ? null : nonNegative("replicas", replicas);
    Integer change = delta == null ? null : delta(delta);
    return new KubernetesRequest.Scale(count, change, bounds(params));
  }

  /** The configured bounds, narrowed (never widened) by {@code params.min} and {@code max}. */
  private ReplicaBounds bounds(Map<String, String> params) throws TerminalActionException {
    Integer actionMin = optionalNonNegative("min", params.get("min"));
    Integer actionMax = optionalNonNegative("max", params.get("max"));
    boolean ownMin = actionMin != null && actionMin > defaults.minReplicas();
    boolean ownMax = actionMax != null && actionMax < defaults.maxReplicas();
    int min = ownMin ? actionMin : defaults.minReplicas();
    int max = ownMax ? actionMax : defaults.maxReplicas();
    if (min > max) {
      throw new TerminalActionException(
          "no replica count is allowed: min "
              + min
              + (ownMin ? " (params.min)" : " (" + KubernetesProperties.PREFIX + "min-replicas)")
              + " is above max "
              + max
              + (ownMax ? " (params.max)" : " (" + KubernetesProperties.PREFIX + "max-replicas)"));
    }
    return new ReplicaBounds(min, max);
  }

  private static Integer optionalNonNegative(String key, String value)
      throws TerminalActionException {
    return value == null ? null : nonNegative(key, value);
  }

  private static int nonNegative(String key, String value) throws TerminalActionException {
    Integer parsed = integer(value);
    if (parsed == null || parsed < 0) {
      throw invalid(key, "a whole number >= 0", value);
    }
    return parsed;
  }

  private static int delta(String value) throws TerminalActionException {
    Integer parsed = integer(value);
    if (parsed == null || parsed == 0) {
      throw invalid("delta", "a whole number other than 0, such as +1 or -1", value);
    }
    return parsed;
  }

  private static Integer integer(String value) {
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static TerminalActionException invalid(String key, String rule, String value) {
    return new TerminalActionException(
        "params." + key + " must be " + rule + ", but was '" + shown(value) + "'");
  }

  /** Params come from configuration and substitutions; a long value must not flood the message. */
  private static String shown(String value) {
    return value.length() <= MAX_VALUE_IN_MESSAGE
        ? value
        : value.substring(0, MAX_VALUE_IN_MESSAGE - 1) + "…";
  }
}
