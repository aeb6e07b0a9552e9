package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The condition of one threshold rule on one series. It exists only while the condition is PENDING
 * or FIRING; back to INACTIVE, the detector drops it, so quiet series cost no memory.
 */
final class RuleState {

  private static final Logger log = LoggerFactory.getLogger(RuleState.class);

  private final ThresholdRule rule;
  private final SeriesKey key;
  private final Instant since;
  private final RecentValues recent = new RecentValues();
  private ConditionState state = ConditionState.INACTIVE;
  private double lastValue;
  private Instant lastAt;
  private long lastSeenCycle;

  /** Starts PENDING with the breaching sample that began the condition. */
  RuleState(ThresholdRule rule, SeriesKey key, double value, Instant takenAt, long cycle) {
    this.rule = rule;
    this.key = key;
    this.since = takenAt;
    moveTo(ConditionState.PENDING);
    record(value, takenAt, cycle);
    fireWhenHeldLongEnough(takenAt);
  }

  /** Advances the condition with a fresh sample (never NaN). */
  void observe(double value, Instant takenAt, long cycle) {
    record(value, takenAt, cycle);
    if (state == ConditionState.PENDING) {
      if (rule.breaches(value)) {
        fireWhenHeldLongEnough(takenAt);
      } else {
        moveTo(ConditionState.INACTIVE);
      }
    } else if (state == ConditionState.FIRING && rule.clears(value)) {
      moveTo(ConditionState.INACTIVE);
      log.info("rule {} resolved on {}: {}", rule.name(), key, Format.number(value));
    }
  }

  boolean isFiring() {
    return state == ConditionState.FIRING;
  }

  boolean isInactive() {
    return state == ConditionState.INACTIVE;
  }

  ThresholdRule rule() {
    return rule;
  }

  long lastSeenCycle() {
    return lastSeenCycle;
  }

  /** The anomaly this firing condition reports at {@code now}; stale when no sample came now. */
  Anomaly anomaly(Instant now, boolean fresh) {
    String held = Format.duration(Duration.between(since, fresh ? now : lastAt));
    String reason =
        key
            + "="
            + Format.number(lastValue)
            + " "
            + rule.op().name().toLowerCase(Locale.ROOT)
            + " "
            + Format.number(rule.threshold())
            + " for "
            + held
            + " (rule "
            + rule.name()
            + ")"
            + (fresh ? "" : "; no sample since " + lastAt);
    Evidence evidence =
        new Evidence(
            "threshold",
            key.toString(),
            lastValue,
            rule.threshold(),
            rule.threshold(),
            since,
            recent.toList(),
            reason);
    return new Anomaly(
        key.target(), rule.symptom(), rule.severity(), rule.score(lastValue), evidence);
  }

  private void moveTo(ConditionState next) {
    state = state.moveTo(next);
  }

  private void record(double value, Instant takenAt, long cycle) {
    recent.add(value);
    lastValue = value;
    lastAt = takenAt;
    lastSeenCycle = cycle;
  }

  private void fireWhenHeldLongEnough(Instant takenAt) {
    if (Duration.between(since, takenAt).compareTo(rule.forDuration()) >= 0) {
      moveTo(ConditionState.FIRING);
      log.info("rule {} firing on {} since {}", rule.name(), key, since);
    }
  }
}
