package io.x0tta6bl4.mapek.plan;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.SuppressedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The guards one due step must pass, in order: max attempts per problem, the target's circuit
 * breaker, the group's blast radius, the cooldown of the action on the target, and the global
 * budget. The first that stops it names itself and says why with the figures it compared.
 */
final class GuardChecks {

  private final Guards guards;
  private final SafetyLimits limits;
  private final TargetGroups groups;
  private final GuardState guardState;
  private final Collection<Episode> open;

  GuardChecks(
      Guards guards,
      SafetyLimits limits,
      TargetGroups groups,
      GuardState guardState,
      Collection<Episode> open) {
    this.guards = guards;
    this.limits = limits;
    this.groups = groups;
    this.guardState = guardState;
    this.open = open;
  }

  /** The first guard that stops {@code action}, in the order the class comment gives. */
  Optional<SuppressedAction> check(Episode episode, Action action, Step step, Instant now) {
    return attemptsLeft(episode, action)
        .or(() -> circuitClosed(action, now))
        .or(() -> blastRadius(episode, action))
        .or(() -> cooledDown(action, step, now))
        .or(() -> withinBudget(action, now));
  }

  private Optional<SuppressedAction> attemptsLeft(Episode episode, Action action) {
    if (episode.attempts() >= guards.maxAttempts()) {
      return Optional.of(
          new SuppressedAction(
              action,
              "max-attempts",
              "%d actions already ran for %s on %s; max-attempts is %d"
                  .formatted(
                      episode.attempts(),
                      action.symptom(),
                      action.target(),
                      guards.maxAttempts())));
    }
    return Optional.empty();
  }

  private Optional<SuppressedAction> circuitClosed(Action action, Instant now) {
    return guardState
        .circuitBlocks(action.target(), limits.circuitMaxActions(), limits.circuitWindow(), now)
        .map(reason -> new SuppressedAction(action, "circuit-breaker", reason));
  }

  /**
   * A member of a group may be acted on only while few enough of the group's other members are
   * being remediated: at most {@code groupMaxRemediating} at once, and never so many that less than
   * {@code groupMinHealthy} of the group is left alone.
   */
  private Optional<SuppressedAction> blastRadius(Episode episode, Action action) {
    if (episode.remediating()) {
      return Optional.empty();
    }
    Optional<String> group = groups.groupOf(action.target());
    int size = group.map(groups::size).orElse(0);
    if (size == 0) {
      return Optional.empty();
    }
    Set<String> remediating = new java.util.TreeSet<>();
    for (Episode other : open) {
      if (other.remediating() && group.equals(groups.groupOf(other.target()))) {
        remediating.add(other.target());
      }
    }
    remediating.remove(action.target());
    int after = remediating.size() + 1;
    double healthyAfter = (double) (size - after) / size;
    if (after <= limits.groupMaxRemediating() && healthyAfter >= limits.groupMinHealthy()) {
      return Optional.empty();
    }
    return Optional.of(
        new SuppressedAction(
            action,
            "blast-radius",
            "group %s: %s already being remediated of %d members; acting on %s too would exceed %d at once or leave less than %.0f%% alone"
                .formatted(
                    group.get(),
                    remediating,
                    size,
                    action.target(),
                    limits.groupMaxRemediating(),
                    limits.groupMinHealthy() * 100)));
  }

  private Optional<SuppressedAction> cooledDown(Action action, Step step, Instant now) {
    Duration cooldown = step.cooldown() == null ? guards.cooldown() : step.cooldown();
    return guardState
        .cooldownBlocks(action.target(), action.kind(), cooldown, now)
        .map(reason -> new SuppressedAction(action, "cooldown", reason));
  }

  private Optional<SuppressedAction> withinBudget(Action action, Instant now) {
    return guardState
        .budgetBlocks(guards.budget(), guards.budgetWindow(), now)
        .map(reason -> new SuppressedAction(action, "budget", reason));
  }
}
