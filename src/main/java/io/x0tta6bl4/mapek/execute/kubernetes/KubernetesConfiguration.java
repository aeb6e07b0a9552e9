package io.x0tta6bl4.mapek.execute.kubernetes;

import io.x0tta6bl4.mapek.Tracing;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Contributes the {@code kubernetes} action handler. No client is built here: the handler builds
 * one on its first action, so the controller starts on a machine with no cluster.
 */
@Configuration(proxyBeanMethods = false)
class KubernetesConfiguration {

  @Bean(destroyMethod = "close")
  KubernetesActionHandler kubernetesActionHandler(
      KubernetesProperties properties, Clock clock, ObjectProvider<Tracing> tracing) {
    return new KubernetesActionHandler(
        properties,
        KubernetesActionHandler.clientFromEnvironment(properties),
        clock,
        tracing.getIfAvailable(() -> Tracing.NONE));
  }
}
