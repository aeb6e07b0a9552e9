package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Analyzer;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The Analyzer as a chain of detectors: runs each, in order, on the snapshot and returns all their
 * anomalies in that order. Like its detectors it keeps state across cycles, so it is called by one
 * thread at a time.
 */
public final class DetectingAnalyzer implements Analyzer {

  private final List<Detector> detectors;

  public DetectingAnalyzer(List<Detector> detectors) {
    this.detectors = List.copyOf(detectors);
  }

  @Override
  public List<Anomaly> analyze(Snapshot snapshot) {
    List<Anomaly> all = null;
    for (Detector detector : detectors) {
      List<Anomaly> found = detector.detect(snapshot);
      if (found.isEmpty()) {
        continue;
      }
      if (all == null) {
        all = new ArrayList<>(found);
      } else {
        all.addAll(found);
      }
    }
    return all == null ? List.of() : Collections.unmodifiableList(all);
  }

  /** The detectors, in the order they run. */
  public List<Detector> detectors() {
    return detectors;
  }
}
