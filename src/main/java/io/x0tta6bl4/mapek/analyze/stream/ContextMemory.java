package io.x0tta6bl4.mapek.analyze.stream;

/**
 * A fixed-size memory of (context, next level) transitions, kept as 32-bit fingerprints in a
 * set-associative table. It never grows: when a bucket is full a new transition overwrites the
 * least recently confirmed one of that bucket, so memory per series is constant however long it
 * runs and old habits fade when the table is too small for the series' variety.
 */
final class ContextMemory {

  private static final int WAYS = 4;

  private final int[] fingerprints;
  private final byte[] age;
  private final int bucketMask;

  ContextMemory(int capacity) {
    if (Integer.bitCount(capacity) != 1 || capacity < WAYS) {
      throw new IllegalArgumentException("capacity must be a power of two >= 4, was " + capacity);
    }
    fingerprints = new int[capacity];
    age = new byte[capacity];
    bucketMask = capacity / WAYS - 1;
  }

  /**
   * Whether the transition was seen before; remembers it either way. Fingerprint 0 marks an empty
   * slot, so a zero hash is moved to 1 (one more collision in four billion).
   */
  boolean seenAndLearn(long hash) {
    int fingerprint = (int) (hash >>> 32);
    if (fingerprint == 0) {
      fingerprint = 1;
    }
    int base = ((int) hash & bucketMask) * WAYS;
    int oldest = base;
    for (int i = base; i < base + WAYS; i++) {
      if (fingerprints[i] == fingerprint) {
        age[i] = 0;
        return true;
      }
      if (age[i] > age[oldest] || fingerprints[i] == 0 && fingerprints[oldest] != 0) {
        oldest = i;
      }
    }
    for (int i = base; i < base + WAYS; i++) {
      if (age[i] < Byte.MAX_VALUE) {
        age[i]++;
      }
    }
    fingerprints[oldest] = fingerprint;
    age[oldest] = 0;
    return false;
  }

  /** Slots in the table: constant for the life of the series. */
  int capacity() {
    return fingerprints.length;
  }
}
