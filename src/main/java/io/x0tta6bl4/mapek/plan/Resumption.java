package io.x0tta6bl4.mapek.plan;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Knowledge;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Rebuilds a planner's real state from Knowledge after a restart. */
final class Resumption {

  private final List<Policy> policies;
  private final Guards guards;
  private final SafetyLimits limits;

  Resumption(List<Policy> policies, Guards guards, SafetyLimits limits) {
    this.policies = policies;
    this.guards = guards;
    this.limits = limits;
  }

  /** The guards' memory: every action that really ran within the longest window they look at. */
  GuardState guardState(Knowledge knowledge, Instant now) {
    GuardState state = new GuardState();
    for (Knowledge.ActionRecord ran : knowledge.actionsSince(now.minus(memory()))) {
      state.recordRun(ran.action().target(), ran.action().kind(), ran.plannedAt());
    }
    return state;
  }

  /** Open incidents whose policy still exists, keyed as the planner keys its episodes. */
  Map<String, Episode> episodes(Knowledge knowledge) {
    Map<String, Episode> open = new HashMap<>();
    for (Knowledge.OpenIncident incident : knowledge.openIncidents()) {
      policyOf(incident)
          .ifPresent(
              policy ->
                  open.put(
                      Anomaly.problemKey(incident.target(), incident.symptom()),
                      Episode.resumed(
                          incident.id(),
                          policy,
                          incident.target(),
                          incident.symptom(),
                          incident.detectedAt(),
                          incident.state(),
                          incident.attempts(),
                          incident.lastStep(),
                          incident.lastActionAt())));
    }
    return open;
  }

  private Optional<Policy> policyOf(Knowledge.OpenIncident incident) {
    return policies.stream()
        .filter(
            p ->
                incident.policy() != null
                    ? p.name().equals(incident.policy())
                    : p.matches(incident.target(), incident.symptom()))
        .findFirst();
  }

  /** How far back the guards look: the longest of their windows and cooldowns. */
  private Duration memory() {
    Duration longest = max(guards.budgetWindow(), max(guards.cooldown(), limits.circuitWindow()));
    for (Policy policy : policies) {
      for (Step step : policy.steps()) {
        longest = step.cooldown() == null ? longest : max(longest, step.cooldown());
      }
    }
    return longest;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
