package io.x0tta6bl4.mapek.analyze;

import java.util.ArrayList;
import java.util.List;

/** The last few values of an episode in a fixed ring, so recording a sample never allocates. */
final class RecentValues {

  static final int CAPACITY = 10;

  private final double[] ring = new double[CAPACITY];
  private int next;
  private int size;

  void add(double value) {
    ring[next] = value;
    next = (next + 1) % CAPACITY;
    size = Math.min(size + 1, CAPACITY);
  }

  void clear() {
    next = 0;
    size = 0;
  }

  /** The values, oldest first; allocated only when an anomaly is reported. */
  List<Double> toList() {
    List<Double> out = new ArrayList<>(size);
    int start = (next - size + CAPACITY) % CAPACITY;
    for (int i = 0; i < size; i++) {
      out.add(ring[(start + i) % CAPACITY]);
    }
    return out;
  }
}
