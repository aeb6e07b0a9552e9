package io.x0tta6bl4.mapek.execute.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.Tracing;
import io.x0tta6bl4.mapek.execute.ActionException;
import io.x0tta6bl4.mapek.execute.ActionHandler;
import io.x0tta6bl4.mapek.execute.ActionResult;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code kubernetes}: changes a workload in a cluster, chosen by {@code params.operation}:
 *
 * <ul>
 *   <li>{@code delete-pod}: deletes pod {@code params.name}; its controller recreates it (a pod
 *       with no controller is refused);
 *   <li>{@code rollout-restart}: restarts {@code params.resource} ({@code deployment}, the default,
 *       or {@code statefulset}) {@code params.name} the way {@code kubectl rollout restart} does;
 *   <li>{@code scale}: sets its replicas to {@code params.replicas} or changes them by {@code
 *       params.delta}, clamped to the configured bounds, narrowed by {@code params.min} and {@code
 *       params.max}.
 * </ul>
 *
 * <p>{@code params.namespace} defaults to the configured namespace. Params are checked before any
 * request; a bad one is a terminal failure naming it. No cluster access (no configuration, API
 * server unreachable), 5xx, 429 and conflicts are retryable failures; 401/403 ("forbidden") and 404
 * ("not found") are terminal. The client is built on the first action and closed by {@link
 * #close()}.
 */
public final class KubernetesActionHandler implements ActionHandler, AutoCloseable {

  public static final String KIND = "kubernetes";

  private final KubernetesProperties properties;
  private final ClusterConnection connection;
  private final ActionParams params;
  private final Clock clock;
  private final Tracing tracing;

  /**
   * @param properties defaults and bounds
   * @param clientFactory builds the client on first use, e.g. {@link #clientFromEnvironment}
   * @param clock the time written into {@code kubectl.kubernetes.io/restartedAt}
   */
  public KubernetesActionHandler(
      KubernetesProperties properties, Supplier<KubernetesClient> clientFactory, Clock clock) {
    this(properties, clientFactory, clock, Tracing.NONE);
  }

  /**
   * @param tracing where every change to the cluster becomes a CLIENT span naming the operation,
   *     namespace, object and API server
   */
  public KubernetesActionHandler(
      KubernetesProperties properties,
      Supplier<KubernetesClient> clientFactory,
      Clock clock,
      Tracing tracing) {
    this.tracing = Objects.requireNonNull(tracing, "tracing");
    this.properties = Objects.requireNonNull(properties, "properties");
    this.connection = new ClusterConnection(clientFactory);
    this.params = new ActionParams(properties);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Builds the client from the in-cluster service account or KUBECONFIG, when first needed. */
  public static Supplier<KubernetesClient> clientFromEnvironment(KubernetesProperties properties) {
    return () -> ClusterConnection.fromEnvironment(properties.requestTimeout());
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public ActionResult run(Action action, CycleContext cycle) throws ActionException {
    if (!properties.enabled()) {
      throw new TerminalActionException(
          "kubernetes actions are disabled (" + KubernetesProperties.PREFIX + "enabled=false)");
    }
    KubernetesRequest request = params.parse(action.params());
    try (TraceSpan span = tracing.child(TraceNames.KUBERNETES, Tracing.SpanKind.CLIENT)) {
      span.set(TraceNames.KUBERNETES_OPERATION, request.operation().param())
          .set(TraceNames.KUBERNETES_NAMESPACE, request.namespace())
          .set(TraceNames.KUBERNETES_OBJECT, request.subject());
      try {
        return change(request, span);
      } catch (ActionException e) {
        span.failed(e.getMessage());
        throw e;
      }
    }
  }

  private ActionResult change(KubernetesRequest request, TraceSpan span) throws ActionException {
    KubernetesClient client = connection.client();
    span.set(TraceNames.SERVER_ADDRESS, client.getMasterUrl().getHost());
    ClusterActions cluster = new ClusterActions(client);
    try {
      return switch (request.operation()) {
        case DELETE_POD -> cluster.deletePod(request);
        case ROLLOUT_RESTART -> cluster.rolloutRestart(request, clock.instant());
        case SCALE -> cluster.scale(request);
      };
    } catch (KubernetesClientException e) {
      throw ApiFailures.translate(e, request.subject(), client.getMasterUrl().toString());
    }
  }

  /** Closes the client if one was built; a later action fails. */
  @Override
  public void close() {
    connection.close();
  }
}
