package io.x0tta6bl4.mapek.plan;

import java.time.Duration;
import java.util.List;

/**
 * Maps a symptom of matching targets to an ordered list of remediation steps.
 *
 * @param name unique name, recorded on every action it causes
 * @param symptom symptom it handles, exactly as detectors name it
 * @param target target id it applies to, or {@code *} for every target
 * @param steps tried in order: step n+1 only after step n ran and the symptom persisted for {@code
 *     escalateAfter}; when the last step had its time and the symptom persists, the incident is
 *     escalated
 * @param escalateAfter how long a step gets to work before the next one is tried
 * @param recovery steps run once when the symptom clears after at least one step ran (for example
 *     putting the service back into readiness)
 * @param strategy {@code ordered} (the default): steps in the order written; {@code adaptive}: an
 *     incident tries the steps in the order of their success rate for this symptom in Knowledge
 */
public record Policy(
    String name,
    String symptom,
    String target,
    List<Step> steps,
    Duration escalateAfter,
    List<Step> recovery,
    String strategy) {

  /** A policy that tries its steps in the order written. */
  public static Policy ordered(
      String name,
      String symptom,
      String target,
      List<Step> steps,
      Duration escalateAfter,
      List<Step> recovery) {
    return new Policy(name, symptom, target, steps, escalateAfter, recovery, null);
  }

  public Policy {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    if (symptom == null || symptom.isBlank()) {
      throw new IllegalArgumentException("symptom of policy '" + name + "' must not be blank");
    }
    target = target == null || target.isBlank() ? "*" : target;
    steps = ConfiguredLists.copy(steps, "steps of policy '" + name + "'");
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("policy '" + name + "' must have at least one step");
    }
    escalateAfter = escalateAfter == null ? Duration.ofMinutes(1) : escalateAfter;
    if (escalateAfter.isNegative()) {
      throw new IllegalArgumentException(
          "escalate-after of policy '" + name + "' must not be negative, but was " + escalateAfter);
    }
    recovery = ConfiguredLists.copy(recovery, "recovery of policy '" + name + "'");
    strategy = strategy == null || strategy.isBlank() ? "ordered" : strategy;
    if (!strategy.equals("ordered") && !strategy.equals("adaptive")) {
      throw new IllegalArgumentException(
          "strategy of policy '"
              + name
              + "' must be ordered or adaptive, but was '"
              + strategy
              + "'");
    }
  }

  public boolean adaptive() {
    return strategy.equals("adaptive");
  }

  public boolean matches(String candidateTarget, String candidateSymptom) {
    return symptom.equals(candidateSymptom)
        && ("*".equals(target) || target.equals(candidateTarget));
  }
}
