package io.x0tta6bl4.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.MapeKLoop;
import io.x0tta6bl4.mapek.plan.PlannerProperties;
import io.x0tta6bl4.mapek.plan.PolicyPlanner;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

  @Bean
  MicrometerLoopMetrics loopMetrics(
      MeterRegistry registry, PolicyPlanner planner, PlannerProperties planning) {
    MicrometerLoopMetrics metrics =
        new MicrometerLoopMetrics(registry, symptoms(planning), planner.actionKinds());
    metrics.openProblems(planner::openProblems);
    return metrics;
  }

  @Bean
  TimeToRecoverMetrics timeToRecoverMetrics(MeterRegistry registry, PlannerProperties planning) {
    return new TimeToRecoverMetrics(registry, symptoms(planning));
  }

  /** Symptoms some policy handles, plus the adaptive detector's, for series registered at zero. */
  private static Set<String> symptoms(PlannerProperties planning) {
    Set<String> symptoms = new TreeSet<>();
    planning.policies().forEach(policy -> symptoms.add(policy.symptom()));
    symptoms.add("anomaly");
    return symptoms;
  }

  @Bean("loop")
  LoopHealthIndicator loopHealthIndicator(MapeKLoop loop, Clock clock) {
    return new LoopHealthIndicator(loop, clock);
  }

  @Bean("knowledge")
  KnowledgeHealthIndicator knowledgeHealthIndicator(Knowledge knowledge) {
    return new KnowledgeHealthIndicator(knowledge);
  }
}
