package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Plan;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Actions, cycles and plans for the executor tests. */
final class TestActions {

  static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

  private TestActions() {}

  static Action action(String id, String kind, Map<String, String> params) {
    return new Action(
        id, kind, "api", params, "saturation", 0, "heap_pressure", "heap above 90% for 3 cycles");
  }

  static Action action(String id, String kind) {
    return action(id, kind, Map.of());
  }

  static CycleContext cycle(Mode mode) {
    return new CycleContext(42, T0, mode);
  }

  static Plan plan(Mode mode, Action... actions) {
    return new Plan(42, mode, List.of(actions), List.of());
  }
}
