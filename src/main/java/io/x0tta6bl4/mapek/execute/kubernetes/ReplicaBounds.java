package io.x0tta6bl4.mapek.execute.kubernetes;

/**
 * The replica counts a {@code scale} may leave a workload with: {@code min..max}, both inclusive.
 *
 * @param min fewest replicas, at least 0
 * @param max most replicas, not below {@code min}
 */
record ReplicaBounds(int min, int max) {

  ReplicaBounds {
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "replica bounds need 0 <= min <= max, but were " + min + ".." + max);
    }
  }

  /** {@code count} moved into the bounds. */
  long clamp(long count) {
    return Math.max(min, Math.min(max, count));
  }
}
