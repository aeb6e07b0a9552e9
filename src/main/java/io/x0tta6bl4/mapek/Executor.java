package io.x0tta6bl4.mapek;

import java.util.List;

/**
 * The E of MAPE-K: runs the actions of a plan, each with a timeout, and reports one outcome per
 * action in plan order. Never throws for a failing action: the failure is its outcome.
 */
public interface Executor {

  List<Outcome> execute(CycleContext cycle, Plan plan);
}
