package io.x0tta6bl4.mapek.plan;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlanConfiguration {

  @Bean("Planner")
  PolicyPlanner planner(
      PlannerProperties properties,
      ObjectProvider<RecoveryListener> recoveries,
      ObjectProvider<TargetGroups> groups) {
    return new PolicyPlanner(
        properties.policies(),
        properties.guards(),
        properties.limits(),
        groups.getIfAvailable(() -> TargetGroups.NONE),
        properties.escalation(),
        recoveries.getIfAvailable(() -> RecoveryListener.NONE));
  }
}
