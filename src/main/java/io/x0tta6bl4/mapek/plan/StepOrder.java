package io.x0tta6bl4.mapek.plan;

import io.x0tta6bl4.mapek.Knowledge;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The order in which an incident tries its policy's steps, and why. An {@code ordered} policy keeps
 * the written order. An {@code adaptive} one sorts its steps by their success rate for the symptom
 * in Knowledge, best first; a step with no history counts as an even chance (0.5), ties keep the
 * written order — and the explanation lists every alternative with its figures.
 */
record StepOrder(List<Step> steps, String explanation) {

  /** The rate assumed for an action that never ran for the symptom. */
  static final double NO_HISTORY = 0.5;

  static StepOrder of(
      Policy policy, String symptom, Supplier<List<Knowledge.SuccessRate>> successRates) {
    if (!policy.adaptive()) {
      return new StepOrder(policy.steps(), "");
    }
    Map<String, Knowledge.SuccessRate> byKind = new HashMap<>();
    for (Knowledge.SuccessRate rate : successRates.get()) {
      if (rate.symptom().equals(symptom) && rate.attempts() > 0) {
        byKind.put(rate.action(), rate);
      }
    }
    List<Step> sorted = new ArrayList<>(policy.steps());
    sorted.sort(Comparator.comparingDouble((Step s) -> -rate(byKind, s.action())));
    List<String> alternatives = new ArrayList<>();
    for (Step step : sorted) {
      Knowledge.SuccessRate known = byKind.get(step.action());
      alternatives.add(
          known == null
              ? step.action() + " no history (" + NO_HISTORY + " assumed)"
              : "%s %.0f%% of %d".formatted(step.action(), known.rate() * 100, known.attempts()));
    }
    return new StepOrder(
        sorted, "; adaptive order by success rate: " + String.join(", ", alternatives));
  }

  private static double rate(Map<String, Knowledge.SuccessRate> byKind, String kind) {
    Knowledge.SuccessRate known = byKind.get(kind);
    return known == null ? NO_HISTORY : known.rate();
  }
}
