package io.x0tta6bl4.observability;

import io.x0tta6bl4.mapek.Knowledge;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP when Knowledge answers a trivial query; readiness depends on it. */
final class KnowledgeHealthIndicator implements HealthIndicator {

  private final Knowledge knowledge;

  KnowledgeHealthIndicator(Knowledge knowledge) {
    this.knowledge = knowledge;
  }

  @Override
  public Health health() {
    return knowledge.reachable() ? Health.up().build() : Health.down().build();
  }
}
