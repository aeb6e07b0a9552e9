package io.x0tta6bl4.mapek.analyze.stream;

/**
 * A fixed-size memory of (context, next level) transitions in a four-way set-associative table. A
 * slot packs a 24-bit fingerprint of the transition with an 8-bit age in one int, so a lookup
 * touches one cache line: with thousands of series the tables do not fit in the CPU cache, and
 * scoring speed is the number of cache misses. It never grows: a new transition that finds its
 * bucket full replaces the entry seen least recently, so memory per series is constant however long
 * it runs, and habits a series has not shown for a while fade when it has more variety than the
 * table holds.
 */
final class ContextMemory {

  private static final int WAYS = 4;
  private static final int AGE_BITS = 8;
  private static final int MAX_AGE = (1 << AGE_BITS) - 1;

  private final int[] slots;
  private final int bucketMask;

  ContextMemory(int capacity) {
    if (Integer.bitCount(capacity) != 1 || capacity < WAYS) {
      throw new IllegalArgumentException("capacity must be a power of two >= 4, was " + capacity);
    }
    slots = new int[capacity];
    bucketMask = capacity / WAYS - 1;
  }

  /**
   * Whether the transition was seen before (and not forgotten); remembers it either way. An empty
   * slot is 0, so fingerprint 0 is moved to 1 (one more collision in sixteen million).
   */
  boolean seenAndLearn(long hash) {
    int fingerprint = (int) (hash >>> (64 - 24));
    if (fingerprint == 0) {
      fingerprint = 1;
    }
    int base = ((int) hash & bucketMask) * WAYS;
    int oldest = base;
    int oldestAge = -1;
    for (int i = base; i < base + WAYS; i++) {
      int slot = slots[i];
      if (slot >>> AGE_BITS == fingerprint) {
        slots[i] = fingerprint << AGE_BITS;
        return true;
      }
      int age = slot == 0 ? MAX_AGE + 1 : slot & MAX_AGE;
      if (age > oldestAge) {
        oldestAge = age;
        oldest = i;
      }
    }
    for (int i = base; i < base + WAYS; i++) {
      int slot = slots[i];
      if (slot != 0 && (slot & MAX_AGE) < MAX_AGE) {
        slots[i] = slot + 1;
      }
    }
    slots[oldest] = fingerprint << AGE_BITS;
    return false;
  }

  /** Slots in the table: constant for the life of the series. */
  int capacity() {
    return slots.length;
  }
}
