package io.x0tta6bl4.mapek.execute.kubernetes;

import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.CYCLE;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.T0;
import static io.x0tta6bl4.mapek.execute.kubernetes.Fixtures.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.execute.TerminalActionException;
import io.x0tta6bl4.testsupport.MutableClock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad params are terminal failures naming the param, found before any request is sent. */
class ActionParamsTest {

  /** Building a client is the first step towards a request, so none may be built. */
  private final KubernetesActionHandler handler =
      new KubernetesActionHandler(
          KubernetesProperties.defaults(),
          () -> {
            throw new AssertionError("a client was built for invalid params");
          },
          new MutableClock(T0));

  static Stream<Arguments> invalidParams() {
    return Stream.of(
        Arguments.of(
            Map.of("name", "web"),
            "params.operation is required: one of delete-pod, rollout-restart, scale"),
        Arguments.of(
            Map.of("operation", "reboot", "name", "web"),
            "params.operation must be one of delete-pod, rollout-restart, scale, but was 'reboot'"),
        Arguments.of(Map.of("operation", "delete-pod"), "params.name is required"),
        Arguments.of(
            Map.of("operation", "delete-pod", "name", "Web_1"),
            "params.name must be " + KubernetesNames.SUBDOMAIN_RULE + ", but was 'Web_1'"),
        Arguments.of(
            Map.of("operation", "delete-pod", "name", "web", "namespace", "x0.prod"),
            "params.namespace must be " + KubernetesNames.LABEL_RULE + ", but was 'x0.prod'"),
        Arguments.of(
            Map.of("operation", "delete-pod", "name", "web", "resource", "deployment"),
            "params.resource is not a parameter of kubernetes delete-pod"
                + " (known: name, namespace, operation)"),
        Arguments.of(
            Map.of("operation", "rollout-restart", "name", "web", "resource", "daemonset"),
            "params.resource must be deployment or statefulset, but was 'daemonset'"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web", "replica", "3"),
            "params.replica is not a parameter of kubernetes scale"
                + " (known: delta, max, min, name, namespace, operation, replicas, resource)"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web"),
            "scale needs params.replicas or params.delta"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web", "replicas", "3", "delta", "+1"),
            "params.replicas and params.delta exclude each other, but both were set"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web", "replicas", "-1"),
            "params.replicas must be a whole number >= 0, but was '-1'"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web", "replicas", "three"),
            "params.replicas must be a whole number >= 0, but was 'three'"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web", "delta", "0"),
            "params.delta must be a whole number other than 0, such as +1 or -1, but was '0'"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web", "delta", "+1", "max", "many"),
            "params.max must be a whole number >= 0, but was 'many'"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web", "delta", "+1", "min", "12"),
            "no replica count is allowed: min 12 (params.min) is above max 10"
                + " (x0tta6bl4.kubernetes.max-replicas)"),
        Arguments.of(
            Map.of("operation", "scale", "name", "web", "delta", "+1", "min", "4", "max", "3"),
            "no replica count is allowed: min 4 (params.min) is above max 3 (params.max)"));
  }

  @ParameterizedTest
  @MethodSource("invalidParams")
  void invalidParamsAreTerminalAndSendNoRequest(Map<String, String> params, String message) {
    assertThatThrownBy(() -> handler.run(action(params), CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage(message)
        .extracting(e -> ((TerminalActionException) e).attempts())
        .isEqualTo(0);
  }

  @Test
  void aLongValueIsCutInTheMessage() {
    String name = "x".repeat(300);

    assertThatThrownBy(
            () -> handler.run(action(Map.of("operation", "delete-pod", "name", name)), CYCLE))
        .hasMessageEndingWith("but was '" + "x".repeat(79) + "…'");
  }

  @Test
  void validParamsBecomeARequest() throws TerminalActionException {
    Map<String, String> params = new HashMap<>(Map.of("operation", "scale", "name", "web"));
    params.putAll(Map.of("resource", "statefulset", "delta", "-1", "min", "2", "max", "20"));

    KubernetesRequest request = new ActionParams(Fixtures.properties("shop", 1, 10)).parse(params);

    assertThat(request.operation()).isEqualTo(Operation.SCALE);
    assertThat(request.workload()).isEqualTo(Workload.STATEFULSET);
    assertThat(request.subject()).isEqualTo("statefulset shop/web");
    assertThat(request.scale().bounds()).isEqualTo(new ReplicaBounds(2, 10));
    assertThat(request.scale().asked(3)).isEqualTo(2);
  }

  @Test
  void namesFollowTheApiServersRules() {
    assertThat(KubernetesNames.isSubdomain("web-5d8f-abcde")).isTrue();
    assertThat(KubernetesNames.isSubdomain("web.v2")).isTrue();
    assertThat(KubernetesNames.isSubdomain("-web")).isFalse();
    assertThat(KubernetesNames.isSubdomain("web-")).isFalse();
    assertThat(KubernetesNames.isSubdomain("a".repeat(254))).isFalse();
    assertThat(KubernetesNames.isLabel("a".repeat(63))).isTrue();
    assertThat(KubernetesNames.isLabel("a".repeat(64))).isFalse();
    assertThat(KubernetesNames.isLabel("x0.prod")).isFalse();
  }
}
