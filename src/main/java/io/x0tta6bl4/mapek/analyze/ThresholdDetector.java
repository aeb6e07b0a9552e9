package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.SeriesKey;
import io.x0tta6bl4.mapek.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixed-threshold rules in the manner of Prometheus alerting rules. Per (rule, series) a condition
 * moves INACTIVE → PENDING when a sample breaches the threshold, PENDING → FIRING once the breach
 * has held for the rule's {@code for} (by the snapshots' {@code takenAt}), PENDING → INACTIVE when
 * a sample no longer breaches, and FIRING → INACTIVE only when a sample is back at the rule's
 * {@code clear} level. A firing rule reports its anomaly every cycle.
 *
 * <p>A NaN sample, or a series missing from a snapshot, changes nothing: a pending condition does
 * not advance and a firing one keeps being reported with its last value (so a target that is
 * restarting does not look recovered). A condition without a sample for {@code staleAfterCycles}
 * cycles is dropped, so a target that is gone does not fire forever.
 *
 * <p>Cost per observation: one lookup by series name; a second, by series key, only for names that
 * a rule watches. Memory: one small state per pending or firing condition.
 */
public final class ThresholdDetector implements Detector {

  private static final Logger log = LoggerFactory.getLogger(ThresholdDetector.class);

  private final Map<String, RuleGroup> groups = new HashMap<>();
  private final int staleAfterCycles;
  private long cycle;

  /**
   * @param rules the rules; names must be unique
   * @param staleAfterCycles cycles without a sample after which a pending or firing condition is
   *     dropped; positive
   */
  public ThresholdDetector(List<ThresholdRule> rules, int staleAfterCycles) {
    if (staleAfterCycles < 1) {
      throw new IllegalArgumentException(
          "staleAfterCycles must be positive, but was " + staleAfterCycles);
    }
    this.staleAfterCycles = staleAfterCycles;
    Set<String> names = new HashSet<>();
    Map<String, List<ThresholdRule>> bySeries = new HashMap<>();
    for (ThresholdRule rule : rules) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException(
            "rule names must be unique, but " + rule.name() + " is used twice");
      }
      bySeries.computeIfAbsent(rule.series(), s -> new ArrayList<>()).add(rule);
    }
    bySeries.forEach((series, list) -> groups.put(series, new RuleGroup(list)));
  }

  @Override
  public List<Anomaly> detect(Snapshot snapshot) {
    cycle++;
    Instant now = snapshot.takenAt();
    List<Anomaly> found = new ArrayList<>();
    for (Observation observation : snapshot.observations()) {
      RuleGroup group = groups.get(observation.series());
      if (group != null && !Double.isNaN(observation.value())) {
        group.observe(observation, now, cycle, found);
      }
    }
    for (RuleGroup group : groups.values()) {
      group.reportUnobserved(now, cycle, staleAfterCycles, found);
    }
    return found.isEmpty() ? List.of() : found;
  }

  /** The rules on one series name, and their active conditions per series key. */
  private static final class RuleGroup {

    private final ThresholdRule[] rules;
    private final Map<SeriesKey, RuleState[]> active = new HashMap<>();

    RuleGroup(List<ThresholdRule> rules) {
      this.rules = rules.toArray(ThresholdRule[]::new);
    }

    void observe(Observation observation, Instant now, long cycle, List<Anomaly> found) {
      // most of the time no condition is active: then no key is built and nothing is hashed
      SeriesKey key = active.isEmpty() ? null : observation.key();
      RuleState[] states = key == null ? null : active.get(key);
      double value = observation.value();
      boolean anyActive = false;
      for (int i = 0; i < rules.length; i++) {
        RuleState state = states == null ? null : states[i];
        if (state == null) {
          if (!rules[i].appliesTo(observation.target()) || !rules[i].breaches(value)) {
            continue;
          }
          key = key != null ? key : observation.key();
          state = new RuleState(rules[i], key, value, now, cycle);
          states = states != null ? states : newStates(key);
        } else {
          state.observe(value, now, cycle);
        }
        states[i] = afterStep(state, now, found);
        anyActive |= states[i] != null;
      }
      if (states != null && !anyActive) {
        active.remove(key);
      }
    }

    /** Reports firing conditions that got no sample now; drops those silent for too long. */
    void reportUnobserved(Instant now, long cycle, int staleAfterCycles, List<Anomaly> found) {
      Iterator<RuleState[]> it = active.values().iterator();
      while (it.hasNext()) {
        RuleState[] states = it.next();
        boolean anyActive = false;
        for (int i = 0; i < states.length; i++) {
          RuleState state = states[i];
          if (state == null || state.lastSeenCycle() == cycle) {
            anyActive |= state != null;
          } else if (cycle - state.lastSeenCycle() >= staleAfterCycles) {
            log.info(
                "rule {} dropped: no sample for {} cycles",
                state.rule().name(),
                cycle - state.lastSeenCycle());
            states[i] = null;
          } else {
            anyActive = true;
            if (state.isFiring()) {
              found.add(state.anomaly(now, false));
            }
          }
        }
        if (!anyActive) {
          it.remove();
        }
      }
    }

    private RuleState[] newStates(SeriesKey key) {
      RuleState[] states = new RuleState[rules.length];
      active.put(key, states);
      return states;
    }

    private static RuleState afterStep(RuleState state, Instant now, List<Anomaly> found) {
      if (state.isInactive()) {
        return null;
      }
      if (state.isFiring()) {
        found.add(state.anomaly(now, true));
      }
      return state;
    }
  }
}
