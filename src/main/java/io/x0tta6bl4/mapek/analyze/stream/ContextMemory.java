package io.x0tta6bl4.mapek.analyze.stream;

/**
 * A fixed-size memory of (context, next level) transitions in a four-way set-associative table. A
 * slot packs a 12-bit fingerprint of the transition with a 4-bit age in one short: with thousands
 * of series the tables do not fit in the CPU cache, so a lookup should touch one cache line and the
 * tables should be small. A 12-bit fingerprint takes a new transition for a known one about once in
 * a thousand lookups (four slots per bucket), which scored the same on NAB as 24 bits. It never
 * grows: a new transition that finds its bucket full replaces the entry seen least recently, so
 * memory per series is constant however long it runs, and habits a series has not shown for a while
 * fade when it has more variety than the table holds.
 */
final class ContextMemory {

  private static final int WAYS = 4;
  private static final int AGE_BITS = 4;
  private static final int MAX_AGE = (1 << AGE_BITS) - 1;

  // the table is a bare array held by the model, not an object of its own: with thousands of series
  // every hop from the model to a bucket is a cache miss the CPU waits for, and this saves one
  private ContextMemory() {}

  /** An empty table of {@code capacity} slots. */
  static short[] table(int capacity) {
    if (Integer.bitCount(capacity) != 1 || capacity < WAYS) {
      throw new IllegalArgumentException("capacity must be a power of two >= 4, was " + capacity);
    }
    return new short[capacity];
  }

  /**
   * The first slot of a transition's bucket, read and not changed. Reading the buckets of all of a
   * sample's contexts before {@link #seenAndLearn} touches any lets their cache misses overlap: the
   * lookups themselves branch on what they read, so the CPU would wait for each miss in turn.
   */
  static short peek(short[] slots, long hash) {
    return slots[((int) hash & (slots.length / WAYS - 1)) * WAYS];
  }

  /**
   * Whether the transition was seen before in {@code slots} (and not forgotten); remembers it
   * either way. An empty slot is 0, so fingerprint 0 is moved to 1.
   */
  static boolean seenAndLearn(short[] slots, long hash) {
    int fingerprint = (int) (hash >>> (64 - 12));
    if (fingerprint == 0) {
      fingerprint = 1;
    }
    int bucketMask = slots.length / WAYS - 1;
    int base = ((int) hash & bucketMask) * WAYS;
    int oldest = base;
    int oldestAge = -1;
    for (int i = base; i < base + WAYS; i++) {
      int slot = slots[i] & 0xFFFF;
      if (slot >>> AGE_BITS == fingerprint) {
        slots[i] = (short) (fingerprint << AGE_BITS);
        return true;
      }
      int age = slot == 0 ? MAX_AGE + 1 : slot & MAX_AGE;
      if (age > oldestAge) {
        oldestAge = age;
        oldest = i;
      }
    }
    for (int i = base; i < base + WAYS; i++) {
      int slot = slots[i] & 0xFFFF;
      if (slot != 0 && (slot & MAX_AGE) < MAX_AGE) {
        slots[i] = (short) (slot + 1);
      }
    }
    slots[oldest] = (short) (fingerprint << AGE_BITS);
    return false;
  }
}
