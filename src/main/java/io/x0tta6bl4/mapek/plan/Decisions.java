package io.x0tta6bl4.mapek.plan;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.IncidentEvent;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.SuppressedAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The actions and suppressions of one plan, and the ids handed out so far. */
final class Decisions {
  private final CycleContext cycle;
  private final List<Action> actions = new ArrayList<>();
  private final List<SuppressedAction> suppressed = new ArrayList<>();
  private final List<IncidentEvent> events = new ArrayList<>();
  private int sequence;

  Decisions(CycleContext cycle) {
    this.cycle = cycle;
  }

  CycleContext cycle() {
    return cycle;
  }

  void add(Action action) {
    actions.add(action);
  }

  void suppress(SuppressedAction suppression) {
    suppressed.add(suppression);
  }

  void event(Episode episode, IncidentState state, String actionId, Instant onset, String note) {
    events.add(
        new IncidentEvent(
            episode.id(),
            episode.target(),
            episode.symptom(),
            state,
            cycle.startedAt(),
            onset,
            actionId,
            note));
  }

  Plan plan() {
    return new Plan(cycle.cycleId(), cycle.mode(), actions, suppressed, events);
  }

  Action action(Episode episode, Step step, int index, String reason) {
    return create(episode, step, index, reason);
  }

  Action recovery(Episode episode, Step step, String reason) {
    return create(episode, step, Action.RECOVERY_STEP, reason);
  }

  Action escalation(Episode episode, Step step, String reason) {
    return create(episode, step, Action.ESCALATION_STEP, reason);
  }

  private Action create(Episode episode, Step step, int index, String reason) {
    String target = episode.target();
    String symptom = episode.symptom();
    String id = cycle.cycleId() + "-" + (++sequence);
    Map<String, String> params = new LinkedHashMap<>();
    step.params().forEach((k, v) -> params.put(k, substitute(v, target, symptom)));
    return new Action(
        id,
        step.action(),
        target,
        params,
        episode.policy().name(),
        index,
        symptom,
        reason,
        step.approvalRequired());
  }

  private static String substitute(String value, String target, String symptom) {
    return value
        .replace("{{target}}", target)
        .replace("{{symptom}}", symptom)
        .replace("${target}", target)
        .replace("${symptom}", symptom);
  }
}
