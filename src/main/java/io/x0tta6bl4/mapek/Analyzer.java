package io.x0tta6bl4.mapek;

import java.util.List;

/**
 * The A of MAPE-K: turns observations into confirmed anomalies. Implementations keep per-series
 * state across cycles (pending conditions, learned baselines), so they are called once per cycle,
 * in cycle order, by one thread at a time.
 */
public interface Analyzer {

  /** Anomalies that hold in this snapshot; an anomaly that persists is reported every cycle. */
  List<Anomaly> analyze(Snapshot snapshot);
}
