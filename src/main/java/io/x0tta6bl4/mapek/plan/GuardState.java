package io.x0tta6bl4.mapek.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the guards remember between cycles: when each action kind last ran on each target, and the
 * start times of the actions inside the budget window. The {@link Guards} say the limits; this says
 * how close to them the controller is.
 */
final class GuardState {

  private final Map<String, Instant> lastRun = new HashMap<>();
  private final Deque<Instant> recent = new ArrayDeque<>();
  private final Map<String, Deque<Instant>> perTarget = new HashMap<>();

  /** The reason the cooldown blocks {@code kind} on {@code target}, or empty when it does not. */
  Optional<String> cooldownBlocks(String target, String kind, Duration cooldown, Instant now) {
    Instant last = lastRun.get(key(target, kind));
    if (last == null || !now.isBefore(last.plus(cooldown))) {
      return Optional.empty();
    }
    Duration left = Duration.between(now, last.plus(cooldown));
    return Optional.of(
        "%s on %s ran %ss ago; cooldown is %ss (%ss left)"
            .formatted(
                kind,
                target,
                Duration.between(last, now).toSeconds(),
                cooldown.toSeconds(),
                left.toSeconds()));
  }

  /** The reason the global budget blocks any action, or empty when it does not. */
  Optional<String> budgetBlocks(int budget, Duration window, Instant now) {
    Instant horizon = now.minus(window);
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
      recent.pollFirst();
    }
    if (recent.size() < budget) {
      return Optional.empty();
    }
    return Optional.of(
        "%d actions within the last %ss; the budget allows %d"
            .formatted(recent.size(), window.toSeconds(), budget));
  }

  /** The reason the target's circuit is open, or empty while it is closed. */
  Optional<String> circuitBlocks(String target, int max, Duration window, Instant now) {
    Deque<Instant> runs = perTarget.get(target);
    if (runs == null) {
      return Optional.empty();
    }
    Instant horizon = now.minus(window);
    while (!runs.isEmpty() && !runs.peekFirst().isAfter(horizon)) {
      runs.pollFirst();
    }
    if (runs.size() < max) {
      return Optional.empty();
    }
    Duration closesIn = Duration.between(now, runs.peekFirst().plus(window));
    return Optional.of(
        "%d actions on %s within %ss; the circuit is open for %ss more: a person should look"
            .formatted(runs.size(), target, window.toSeconds(), closesIn.toSeconds()));
  }

  void recordRun(String target, String kind, Instant now) {
    lastRun.put(key(target, kind), now);
    recent.addLast(now);
    perTarget.computeIfAbsent(target, t -> new ArrayDeque<>()).addLast(now);
  }

  private static String key(String target, String kind) {
    return target + '\u0000' + kind;
  }
}
