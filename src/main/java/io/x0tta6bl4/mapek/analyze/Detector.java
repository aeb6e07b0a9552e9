package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Snapshot;
import java.util.List;

/**
 * One way of turning a snapshot into anomalies. A detector keeps its per-series state (pending
 * conditions, learned baselines) inside itself across cycles, so it is called once per cycle, in
 * cycle order, by one thread at a time; it is not thread-safe.
 */
public interface Detector {

  /**
   * Anomalies that hold after this snapshot; one that persists is reported again every cycle.
   *
   * @return a list the caller must not modify; empty, never null, when nothing holds
   */
  List<Anomaly> detect(Snapshot snapshot);
}
