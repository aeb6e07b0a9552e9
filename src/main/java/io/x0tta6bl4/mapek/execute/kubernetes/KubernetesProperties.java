package io.x0tta6bl4.mapek.execute.kubernetes;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code kubernetes} action ({@code x0tta6bl4.kubernetes.*}). The cluster itself comes from the
 * environment (in-cluster service account or KUBECONFIG), not from these keys.
 *
 * @param enabled when false every {@code kubernetes} action fails without contacting a cluster
 * @param namespace namespace of an action without {@code params.namespace}; a DNS-1123 label
 * @param minReplicas fewest replicas a {@code scale} may leave, at least 0
 * @param maxReplicas most replicas a {@code scale} may leave, not below {@code minReplicas}
 * @param requestTimeout longest wait to connect to the API server and for one answer from it
 */
@ConfigurationProperties(prefix = "x0tta6bl4.kubernetes", ignoreUnknownFields = false)
@Validated
public record KubernetesProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("default") @NotNull String namespace,
    @DefaultValue("1") int minReplicas,
    @DefaultValue("10") int maxReplicas,
    @DefaultValue("10s") @NotNull Duration requestTimeout) {

  static final String PREFIX = "x0tta6bl4.kubernetes.";

  /** The API server's own limit is far higher; this only catches a misplaced digit. */
  static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(5);

  public KubernetesProperties {
    Objects.requireNonNull(namespace, PREFIX + "namespace");
    if (!KubernetesNames.isLabel(namespace)) {
      throw new IllegalArgumentException(
          PREFIX
              + "namespace must be "
              + KubernetesNames.LABEL_RULE
              + ", but was '"
              + namespace
              + "'");
    }
    if (minReplicas < 0) {
      throw new IllegalArgumentException(
          PREFIX + "min-replicas must be >= 0, but was " + minReplicas);
    }
    if (maxReplicas < minReplicas) {
      throw new IllegalArgumentException(
          PREFIX
              + "max-replicas must not be below min-replicas ("
              + minReplicas
              + "), but was "
              + maxReplicas);
    }
    Objects.requireNonNull(requestTimeout, PREFIX + "request-timeout");
    if (requestTimeout.isNegative()
        || requestTimeout.isZero()
        || requestTimeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
      throw new IllegalArgumentException(
          PREFIX + "request-timeout must be between 1ms and 5m, but was " + requestTimeout);
    }
  }

  /** Every key at its default. */
  public static KubernetesProperties defaults() {
    return new KubernetesProperties(true, "default", 1, 10, Duration.ofSeconds(10));
  }
}
