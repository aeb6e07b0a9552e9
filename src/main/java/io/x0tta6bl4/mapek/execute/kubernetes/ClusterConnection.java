package io.x0tta6bl4.mapek.execute.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.x0tta6bl4.mapek.execute.RetryableActionException;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kubernetes client, built on first use and kept: a controller that never runs a {@code
 * kubernetes} action never looks for a cluster, and one without cluster access starts anyway. A
 * client that could not be built is tried again on the next action.
 */
final class ClusterConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClusterConnection.class);

  private final Supplier<KubernetesClient> factory;
  private KubernetesClient client;
  private boolean closed;

  ClusterConnection(Supplier<KubernetesClient> factory) {
    this.factory = Objects.requireNonNull(factory, "factory");
  }

  /**
   * A client configured like kubectl's: the in-cluster service account, or KUBECONFIG (default
   * {@code ~/.kube/config}) and its current context. The client's own retries are off: whether to
   * try an action again is the policy's decision.
   */
  static KubernetesClient fromEnvironment(Duration requestTimeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, requestTimeout.toMillis());
    Config config = Config.autoConfigure(null);
    config.setConnectionTimeout(millis);
    config.setRequestTimeout(millis);
    config.setRequestRetryBackoffLimit(0);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * The client, built now if this is the first use.
   *
   * @throws RetryableActionException when no client could be built ("no cluster access")
   * @throws TerminalActionException after {@link #close()}
   */
  synchronized KubernetesClient client() throws RetryableActionException, TerminalActionException {
    if (closed) {
      throw new TerminalActionException("kubernetes client is closed");
    }
    if (client == null) {
      try {
        client = Objects.requireNonNull(factory.get(), "the client factory returned null");
        log.info("kubernetes client for {}", client.getMasterUrl());
      } catch (RuntimeException e) {
        throw new RetryableActionException("no cluster access: " + ApiFailures.reason(e), 0, e);
      }
    }
    return client;
  }

  /** Closes the client if one was built; later actions fail. */
  @Override
  public synchronized void close() {
    closed = true;
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
