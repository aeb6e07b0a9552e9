package io.x0tta6bl4.mapek.execute.kubernetes;

import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.CYCLE;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.T0;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.execute.ActionException;
import io.x0tta6bl4.mapek.execute.HandlerExecutor;
import io.x0tta6bl4.mapek.execute.RetryableActionException;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import io.x0tta6bl4.testsupport.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Without a reachable cluster, a kubernetes action fails with the reason; it never succeeds. */
class ClusterAccessTest {

  private static final Map<String, String> RESTART_WEB =
      Map.of("operation", "rollout-restart", "namespace", "x0", "name", "web");

  private final MutableClock clock = new MutableClock(T0);

  @Test
  void anUnreachableApiServerIsAFailedOutcomeNamingNoClusterAccess() {
    KubernetesActionHandler handler =
        new KubernetesActionHandler(
            KubernetesProperties.defaults(), () -> closedPortClient(), clock);
    HandlerExecutor executor =
        new HandlerExecutor(List.of(handler), Duration.ofSeconds(10), 1, clock);

    Outcome outcome =
        executor
            .execute(CYCLE, new Plan(42, Mode.ACTIVE, List.of(action(RESTART_WEB)), List.of()))
            .get(0);
    executor.close();
    handler.close();

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message())
        .startsWith("no cluster access: https://127.0.0.1:1/: ")
        .containsIgnoringCase("connection refused");
  }

  @Test
  void anUnreachableApiServerIsRetryable() {
    try (KubernetesActionHandler handler =
        new KubernetesActionHandler(
            KubernetesProperties.defaults(), () -> closedPortClient(), clock)) {
      assertThatThrownBy(() -> handler.run(action(RESTART_WEB), CYCLE))
          .isInstanceOf(RetryableActionException.class)
          .hasMessageStartingWith("no cluster access: ");
    }
  }

  @Test
  void anApiServerThatNeverAnswersIsNoClusterAccessAfterTheRequestTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        KubernetesActionHandler handler =
            new KubernetesActionHandler(
                KubernetesProperties.defaults(),
                () -> client("https://127.0.0.1:" + silent.getLocalPort()),
                clock)) {
      assertThatThrownBy(() -> handler.run(action(RESTART_WEB), CYCLE))
          .isInstanceOf(RetryableActionException.class)
          .hasMessageStartingWith("no cluster access: https://127.0.0.1:" + silent.getLocalPort())
          .hasMessageContaining("timeout of 500 ms");
    }
  }

  @Test
  void theEnvironmentClientHasTheConfiguredTimeoutAndNoRetriesOfItsOwn() {
    System.setProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY, "https://127.0.0.1:1");
    System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    System.setProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY, "false");
    try (KubernetesClient client = ClusterConnection.fromEnvironment(Duration.ofMillis(700))) {
      Config config = client.getConfiguration();

      assertThat(config.getMasterUrl()).isEqualTo("https://127.0.0.1:1/");
      assertThat(config.getRequestTimeout()).isEqualTo(700);
      assertThat(config.getConnectionTimeout()).isEqualTo(700);
      assertThat(config.getRequestRetryBackoffLimit()).isZero();
    } finally {
      System.clearProperty(Config.KUBERNETES_MASTER_SYSTEM_PROPERTY);
      System.clearProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
      System.clearProperty(Config.KUBERNETES_AUTH_TRYSERVICEACCOUNT_SYSTEM_PROPERTY);
    }
  }

  @Test
  void aHandlerFromTheEnvironmentIsBuiltWithoutLookingForACluster() {
    KubernetesProperties properties = KubernetesProperties.defaults();

    KubernetesActionHandler handler =
        new KubernetesActionHandler(
            properties, KubernetesActionHandler.clientFromEnvironment(properties), clock);

    assertThat(handler.kind()).isEqualTo("kubernetes");
    handler.close();
  }

  @Test
  void theClientIsBuiltOnTheFirstActionThatNeedsItAndThenKept() throws Exception {
    AtomicInteger builds = new AtomicInteger();
    Supplier<KubernetesClient> factory =
        () -> {
          builds.incrementAndGet();
          return closedPortClient();
        };
    try (KubernetesActionHandler handler =
        new KubernetesActionHandler(KubernetesProperties.defaults(), factory, clock)) {
      assertThat(builds).hasValue(0);

      runIgnoringFailure(handler, Map.of("operation", "reboot", "name", "web"));
      assertThat(builds).hasValue(0);

      runIgnoringFailure(handler, RESTART_WEB);
      runIgnoringFailure(handler, RESTART_WEB);
      assertThat(builds).hasValue(1);
    }
  }

  @Test
  void aClientThatCannotBeBuiltIsNoClusterAccessAndIsTriedAgainNextTime() {
    AtomicInteger builds = new AtomicInteger();
    Supplier<KubernetesClient> factory =
        () -> {
          builds.incrementAndGet();
          throw new KubernetesClientException("invalid kubeconfig: /home/ops/.kube/config");
        };
    KubernetesActionHandler handler =
        new KubernetesActionHandler(KubernetesProperties.defaults(), factory, clock);

    assertThatThrownBy(() -> handler.run(action(RESTART_WEB), CYCLE))
        .isInstanceOf(RetryableActionException.class)
        .hasMessage(
            "no cluster access: KubernetesClientException: invalid kubeconfig:"
                + " /home/ops/.kube/config")
        .extracting(e -> ((ActionException) e).attempts())
        .isEqualTo(0);
    runIgnoringFailure(handler, RESTART_WEB);
    assertThat(builds).hasValue(2);
  }

  @Test
  void afterCloseAnActionFailsWithoutBuildingAClient() {
    AtomicInteger builds = new AtomicInteger();
    KubernetesActionHandler handler =
        new KubernetesActionHandler(
            KubernetesProperties.defaults(),
            () -> {
              builds.incrementAndGet();
              return closedPortClient();
            },
            clock);
    handler.close();

    assertThatThrownBy(() -> handler.run(action(RESTART_WEB), CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("kubernetes client is closed");
    assertThat(builds).hasValue(0);
  }

  @Test
  void aDisabledHandlerFailsWithoutBuildingAClient() {
    AtomicInteger builds = new AtomicInteger();
    KubernetesProperties disabled =
        new KubernetesProperties(false, "default", 1, 10, Duration.ofSeconds(10));
    KubernetesActionHandler handler =
        new KubernetesActionHandler(
            disabled,
            () -> {
              builds.incrementAndGet();
              return closedPortClient();
            },
            clock);

    assertThatThrownBy(() -> handler.run(action(RESTART_WEB), CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("kubernetes actions are disabled (x0tta6bl4.kubernetes.enabled=false)");
    assertThat(builds).hasValue(0);
  }

  private static void runIgnoringFailure(
      KubernetesActionHandler handler, Map<String, String> params) {
    try {
      handler.run(action(params), CYCLE);
    } catch (ActionException expected) {
      // only the number of client builds matters here
    }
  }

  /** Nothing listens on port 1. */
  private static KubernetesClient closedPortClient() {
    return client("https://127.0.0.1:1");
  }

  /** A client that gives up after 500 ms and does not retry. */
  private static KubernetesClient client(String master) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(Config.empty())
                .withMasterUrl(master)
                .withRequestTimeout(500)
                .withConnectionTimeout(500)
                .withRequestRetryBackoffLimit(0)
                .build())
        .build();
  }
}
