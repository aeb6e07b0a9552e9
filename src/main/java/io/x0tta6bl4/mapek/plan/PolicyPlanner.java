package io.x0tta6bl4.mapek.plan;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Planner;
import io.x0tta6bl4.mapek.SuppressedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Plans remediation from policies and guards. For every problem (target and symptom) it keeps an
 * {@link Episode}; a due step passes the guards in this order — max attempts, cooldown, budget — or
 * is kept in the plan as suppressed with the guard's reason. When a problem clears, its policy's
 * recovery steps are planned. Called by one thread at a time (the loop's).
 */
public final class PolicyPlanner implements Planner {

  private final List<Policy> policies;
  private final Guards guards;
  private final SafetyLimits limits;
  private final TargetGroups groups;
  private final List<Step> escalation;
  private final RecoveryListener recoveries;
  private final Supplier<List<Knowledge.SuccessRate>> successRates;
  private final Map<Mode, GuardState> guardStates = new EnumMap<>(Mode.class);
  private final Map<Mode, Map<String, Episode>> episodesByMode = new EnumMap<>(Mode.class);
  private Mode lastMode;
  // the current mode's state; swapped at the start of each plan
  private GuardState guardState = new GuardState();
  private volatile Map<String, Episode> episodes = new HashMap<>();

  public PolicyPlanner(List<Policy> policies, Guards guards) {
    this(policies, guards, RecoveryListener.NONE);
  }

  public PolicyPlanner(List<Policy> policies, Guards guards, RecoveryListener recoveries) {
    this(policies, guards, SafetyLimits.defaults(), TargetGroups.NONE, List.of(), recoveries);
  }

  /**
   * @param escalation steps planned once for a problem the planner gives up on (max attempts
   *     reached, or the target's circuit open), e.g. a webhook to the on-call person
   */
  public PolicyPlanner(
      List<Policy> policies,
      Guards guards,
      SafetyLimits limits,
      TargetGroups groups,
      List<Step> escalation,
      RecoveryListener recoveries) {
    this(policies, guards, limits, groups, escalation, recoveries, List::of);
  }

  /**
   * @param successRates Knowledge's success rates, read when an incident of an adaptive policy
   *     opens
   */
  public PolicyPlanner(
      List<Policy> policies,
      Guards guards,
      SafetyLimits limits,
      TargetGroups groups,
      List<Step> escalation,
      RecoveryListener recoveries,
      Supplier<List<Knowledge.SuccessRate>> successRates) {
    this.successRates = successRates;
    this.policies = List.copyOf(policies);
    this.guards = guards;
    this.limits = limits;
    this.groups = groups;
    this.escalation = List.copyOf(escalation);
    this.recoveries = recoveries;
  }

  @Override
  public Plan plan(CycleContext cycle, List<Anomaly> anomalies) {
    selectState(cycle.mode());
    Decisions decisions = new Decisions(cycle);
    Map<String, Anomaly> problems = strongestPerProblem(anomalies);
    // cleared problems first: a group member that recovered no longer counts against the others
    closeClearedEpisodes(problems.keySet(), decisions);
    problems.forEach((key, anomaly) -> planProblem(key, anomaly, decisions));
    return decisions.plan();
  }

  /**
   * Real and rehearsed decisions keep separate state. A rehearsal (dry-run) starts fresh each time
   * the mode switches to it, so it never delays a real action; the real state survives a rehearsal,
   * so a real action taken before it (say, readiness out) still gets its recovery afterwards.
   */
  private void selectState(Mode mode) {
    if (mode == Mode.DRY_RUN && lastMode != Mode.DRY_RUN) {
      guardStates.remove(Mode.DRY_RUN);
      episodesByMode.remove(Mode.DRY_RUN);
    }
    lastMode = mode;
    guardState = guardStates.computeIfAbsent(mode, m -> new GuardState());
    episodes = episodesByMode.computeIfAbsent(mode, m -> new HashMap<>());
  }

  /**
   * Picks up, after a restart, the open incidents and the guards' memory that Knowledge holds, so
   * an action that already ran is neither repeated inside its cooldown nor counted afresh. Call
   * before the first cycle; only real (active-mode) state is resumed.
   *
   * @return the number of incidents resumed
   */
  public int resume(Knowledge knowledge, Instant now) {
    Resumption resumption = new Resumption(policies, guards, limits);
    guardStates.put(Mode.ACTIVE, resumption.guardState(knowledge, now));
    Map<String, Episode> open = resumption.episodes(knowledge);
    episodesByMode.put(Mode.ACTIVE, open);
    if (lastMode == null || lastMode == Mode.ACTIVE) {
      selectState(Mode.ACTIVE);
    }
    return open.size();
  }

  /** Problems that have an episode now: opened and not yet cleared. */
  public int openProblems() {
    return episodes.size();
  }

  /** Every action kind some policy may plan, so wiring can check the Executor knows them all. */
  public Set<String> actionKinds() {
    Set<String> kinds = new java.util.TreeSet<>();
    for (Policy policy : policies) {
      policy.steps().forEach(step -> kinds.add(step.action()));
      policy.recovery().forEach(step -> kinds.add(step.action()));
    }
    escalation.forEach(step -> kinds.add(step.action()));
    return kinds;
  }

  private void planProblem(String key, Anomaly anomaly, Decisions decisions) {
    Instant now = decisions.cycle().startedAt();
    Episode episode = episodes.get(key);
    if (episode == null) {
      Optional<Policy> policy = policyFor(anomaly);
      if (policy.isEmpty()) {
        return;
      }
      String id = decisions.cycle().cycleId() + "-" + anomaly.target() + "-" + anomaly.symptom();
      StepOrder order = StepOrder.of(policy.get(), anomaly.symptom(), successRates);
      episode =
          new Episode(id, policy.get(), order.steps(), anomaly.target(), anomaly.symptom(), now);
      episodes.put(key, episode);
      decisions.event(
          episode,
          IncidentState.DETECTED,
          null,
          anomaly.evidence().since(),
          reason(anomaly) + order.explanation());
    }
    if (!episode.due(now)) {
      if (episode.verifying()) {
        decisions.event(
            episode,
            IncidentState.VERIFYING,
            null,
            null,
            "waiting up to %ss for %s to clear"
                .formatted(episode.policy().escalateAfter().toSeconds(), episode.symptom()));
      }
      return;
    }
    if (episode.lastStepFailed(now)) {
      giveUp(
          episode,
          "the last step of policy "
              + episode.policy().name()
              + " ran and "
              + episode.symptom()
              + " has not cleared",
          decisions);
      return;
    }
    int index = episode.nextStep();
    Step step = episode.steps().get(index);
    Action action = decisions.action(episode, step, index, reason(anomaly));
    Optional<SuppressedAction> blocked = guard(episode, action, step, now);
    if (blocked.isPresent()) {
      SuppressedAction suppressed = blocked.get();
      if (episode.firstSuppression(suppressed.guard())) {
        decisions.suppress(suppressed);
      }
      if (GIVE_UP.contains(suppressed.guard())) {
        giveUp(episode, suppressed.reason(), decisions);
      }
      return;
    }
    episode.actionPlanned(now);
    guardState.recordRun(action.target(), action.kind(), now);
    decisions.add(action);
    decisions.event(
        episode,
        IncidentState.REMEDIATING,
        action.id(),
        null,
        "step %d of %s: %s".formatted(index + 1, episode.policy().name(), action.kind()));
  }

  /** Stops acting on the incident, once, and tells a person through the escalation steps. */
  private void giveUp(Episode episode, String why, Decisions decisions) {
    if (!episode.escalate()) {
      return;
    }
    decisions.event(episode, IncidentState.ESCALATED, null, null, why);
    for (Step notify : escalation) {
      decisions.add(decisions.escalation(episode, notify, "escalated: " + why));
    }
  }

  /** Guards after which the planner stops acting on a problem and tells a person. */
  private static final Set<String> GIVE_UP = Set.of("max-attempts", "circuit-breaker");

  private Optional<SuppressedAction> guard(Episode episode, Action action, Step step, Instant now) {
    return new GuardChecks(guards, limits, groups, guardState, episodes.values())
        .check(episode, action, step, now);
  }

  private void closeClearedEpisodes(Set<String> current, Decisions decisions) {
    Iterator<Map.Entry<String, Episode>> it = episodes.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Episode> entry = it.next();
      if (current.contains(entry.getKey())) {
        continue;
      }
      Episode episode = entry.getValue();
      it.remove();
      Duration lasted = Duration.between(episode.openedAt(), decisions.cycle().startedAt());
      String reason =
          "%s on %s cleared after %ss"
              .formatted(episode.symptom(), episode.target(), lasted.toSeconds());
      decisions.event(
          episode,
          IncidentState.RESOLVED,
          null,
          null,
          episode.attempts() == 0 ? reason + " without action" : reason);
      if (episode.attempts() == 0) {
        continue;
      }
      recoveries.recovered(episode.target(), episode.symptom(), lasted);
      for (Step step : episode.policy().recovery()) {
        decisions.add(decisions.recovery(episode, step, reason));
      }
    }
  }

  private Optional<Policy> policyFor(Anomaly anomaly) {
    return policies.stream()
        .filter(p -> p.matches(anomaly.target(), anomaly.symptom()))
        .findFirst();
  }

  private static Map<String, Anomaly> strongestPerProblem(List<Anomaly> anomalies) {
    Map<String, Anomaly> strongest = new LinkedHashMap<>();
    for (Anomaly anomaly : anomalies) {
      strongest.merge(anomaly.problemKey(), anomaly, PolicyPlanner::stronger);
    }
    return strongest;
  }

  private static Anomaly stronger(Anomaly a, Anomaly b) {
    int bySeverity = a.severity().compareTo(b.severity());
    if (bySeverity != 0) {
      return bySeverity > 0 ? a : b;
    }
    return a.score() >= b.score() ? a : b;
  }

  private static String reason(Anomaly anomaly) {
    return "%s on %s: %s"
        .formatted(anomaly.symptom(), anomaly.target(), anomaly.evidence().reason());
  }
}
