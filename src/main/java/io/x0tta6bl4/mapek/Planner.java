package io.x0tta6bl4.mapek;

import java.util.List;

/**
 * The P of MAPE-K: maps anomalies to actions through policies and guards. Suppressed actions stay
 * in the plan with the guard's reason.
 */
public interface Planner {

  Plan plan(CycleContext cycle, List<Anomaly> anomalies);
}
