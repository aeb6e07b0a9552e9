package io.x0tta6bl4.mapek.execute.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.execute.ActionHandler;
import io.x0tta6bl4.mapek.execute.TerminalActionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class KubernetesConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(KubernetesProperties.class)
  static class Infrastructure {
    @Bean
    Clock clock() {
      return Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC);
    }
  }

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Infrastructure.class, KubernetesConfiguration.class);

  @Test
  void handlerBeanIsContributedWithoutLookingForACluster() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBeansOfType(ActionHandler.class).values())
              .singleElement()
              .isInstanceOf(KubernetesActionHandler.class)
              .extracting(ActionHandler::kind)
              .isEqualTo("kubernetes");
        });
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    runner.run(
        context ->
            assertThat(context.getBean(KubernetesProperties.class))
                .isEqualTo(KubernetesProperties.defaults()));
  }

  @Test
  void keysBindFromConfiguration() {
    runner
        .withPropertyValues(
            "x0tta6bl4.kubernetes.enabled=false",
            "x0tta6bl4.kubernetes.namespace=shop",
            "x0tta6bl4.kubernetes.min-replicas=2",
            "x0tta6bl4.kubernetes.max-replicas=6",
            "x0tta6bl4.kubernetes.request-timeout=3s")
        .run(
            context ->
                assertThat(context.getBean(KubernetesProperties.class))
                    .isEqualTo(
                        new KubernetesProperties(false, "shop", 2, 6, Duration.ofSeconds(3))));
  }

  @Test
  void boundsThatAllowNoCountStopStartupNamingTheKey() {
    assertStartupFails(
        "x0tta6bl4.kubernetes.max-replicas must not be below min-replicas (5), but was 2",
        "x0tta6bl4.kubernetes.min-replicas=5",
        "x0tta6bl4.kubernetes.max-replicas=2");
  }

  @Test
  void aNegativeMinimumStopsStartupNamingTheKey() {
    assertStartupFails(
        "x0tta6bl4.kubernetes.min-replicas must be >= 0, but was -1",
        "x0tta6bl4.kubernetes.min-replicas=-1");
  }

  @Test
  void anInvalidNamespaceStopsStartupNamingTheKey() {
    assertStartupFails(
        "x0tta6bl4.kubernetes.namespace must be " + KubernetesNames.LABEL_RULE + ", but was 'Shop'",
        "x0tta6bl4.kubernetes.namespace=Shop");
  }

  @Test
  void aZeroRequestTimeoutStopsStartupNamingTheKey() {
    assertStartupFails(
        "x0tta6bl4.kubernetes.request-timeout must be between 1ms and 5m, but was PT0S",
        "x0tta6bl4.kubernetes.request-timeout=0s");
  }

  @Test
  void aMistypedKeyStopsStartup() {
    runner
        .withPropertyValues("x0tta6bl4.kubernetes.max-replica=3")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("x0tta6bl4.kubernetes.max-replica"));
  }

  @Test
  void closingTheContextClosesTheHandler() {
    KubernetesActionHandler[] handler = new KubernetesActionHandler[1];
    runner.run(context -> handler[0] = context.getBean(KubernetesActionHandler.class));

    assertThatThrownBy(
            () ->
                handler[0].run(
                    Fixtures.action(
                        Map.of("operation", "delete-pod", "namespace", "x0", "name", "p1")),
                    Fixtures.CYCLE))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("kubernetes client is closed");
  }

  private void assertStartupFails(String message, String... properties) {
    runner
        .withPropertyValues(properties)
        .run(context -> assertThat(context).getFailure().rootCause().hasMessage(message));
  }
}
