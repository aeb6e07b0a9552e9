package io.x0tta6bl4.mapek.execute.kubernetes;

/**
 * A {@code scale} decided: from {@code from} replicas, asked for {@code asked}, going to {@code
 * to}.
 *
 * <p>A request beyond the bounds is clamped to the bound. A bound never reverses a request: when
 * the workload is already outside the bounds (someone scaled it by hand), a scale-up is not turned
 * into a scale-down (nor the other way round), and nothing changes.
 *
 * @param from replicas in the spec now
 * @param asked replicas the action asked for (may lie outside the bounds, or be negative)
 * @param to replicas the spec will have; equal to {@code from} when nothing changes
 * @param bounds the bounds that applied
 */
record Resize(int from, long asked, int to, ReplicaBounds bounds) {

  static Resize decide(int from, long asked, ReplicaBounds bounds) {
    int to = (int) bounds.clamp(asked);
    if (Long.signum(to - (long) from) != Long.signum(asked - from)) {
      to = from;
    }
    return new Resize(from, asked, to, bounds);
  }

  boolean changes() {
    return to != from;
  }

  /** One sentence for the outcome, naming the bound whenever one applied. */
  String describe(String subject) {
    if (changes()) {
      String clamped = to == asked ? "" : " (clamped to " + bound() + ", asked for " + asked + ")";
      return "scaled " + subject + " " + from + " -> " + to + clamped;
    }
    if (asked == from && bounds.clamp(from) == from) {
      return "no change: " + subject + " already has " + from + " replicas";
    }
    if (bounds.clamp(asked) == from) {
      return "no change: " + subject + " already at " + bound() + " (asked for " + asked + ")";
    }
    String outside =
        from > bounds.max() ? "above max " + bounds.max() : "below min " + bounds.min();
    return "no change: "
        + subject
        + " has "
        + from
        + " replicas, "
        + outside
        + " (asked for "
        + asked
        + ")";
  }

  private String bound() {
    return asked > bounds.max() ? "max " + bounds.max() : "min " + bounds.min();
  }
}
