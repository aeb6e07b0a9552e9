package io.x0tta6bl4.mapek.plan;

import io.x0tta6bl4.mapek.Knowledge;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PlanConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PlanConfiguration.class);

  @Bean("Planner")
  PolicyPlanner planner(
      PlannerProperties properties,
      ObjectProvider<RecoveryListener> recoveries,
      ObjectProvider<TargetGroups> groups,
      Knowledge knowledge,
      Clock clock) {
    PolicyPlanner planner =
        new PolicyPlanner(
            properties.policies(),
            properties.guards(),
            properties.limits(),
            groups.getIfAvailable(() -> TargetGroups.NONE),
            properties.escalation(),
            recoveries.getIfAvailable(() -> RecoveryListener.NONE),
            knowledge::successRates);
    int resumed = planner.resume(knowledge, clock.instant());
    if (resumed > 0) {
      log.info("resumed {} open incidents from Knowledge", resumed);
    }
    return planner;
  }
}
