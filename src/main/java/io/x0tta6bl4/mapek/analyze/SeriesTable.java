package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.SeriesKey;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-series states of a detector that learns every watched series by itself, with the limits
 * that keep its memory bounded: at most {@code maxSeries} series (new ones beyond that are ignored
 * and counted), and a series without a sample for {@code staleAfterCycles} cycles is forgotten.
 * Used once per cycle: {@link #startCycle}, {@link #stateFor} per observation, {@link #endCycle}.
 */
final class SeriesTable<S extends SeriesTable.Tracked> {

  private static final Logger log = LoggerFactory.getLogger(SeriesTable.class);

  /** A series state; the table notes in it the last cycle the series had a sample. */
  abstract static class Tracked {
    long lastSeenCycle; // written by the table only
  }

  private final String detector;
  private final SeriesFilter filter;
  private final int maxSeries;
  private final int staleAfterCycles;
  private final Function<SeriesKey, S> create;
  private final Map<SeriesKey, S> series = new HashMap<>();
  private long cycle;
  private int seen;
  private int dropped;
  private int droppedSeries;

  SeriesTable(String detector, AdaptiveSettings watch, Function<SeriesKey, S> create) {
    this.detector = detector;
    this.filter = new SeriesFilter(watch.include(), watch.exclude(), watch.maxSeries());
    this.maxSeries = watch.maxSeries();
    this.staleAfterCycles = watch.staleAfterCycles();
    this.create = create;
  }

  void startCycle() {
    cycle++;
    seen = 0;
    dropped = 0;
  }

  /**
   * The state of the observation's series, created when new; null when the value is not finite, the
   * series is not watched, or it is new and {@code maxSeries} series are tracked already.
   */
  S stateFor(Observation observation) {
    if (!Double.isFinite(observation.value()) || !filter.accepts(observation.series())) {
      return null;
    }
    SeriesKey key = observation.key();
    S state = series.get(key);
    if (state == null) {
      if (series.size() >= maxSeries) {
        dropped++;
        return null;
      }
      state = create.apply(key);
      series.put(key, state);
    }
    if (state.lastSeenCycle != cycle) {
      state.lastSeenCycle = cycle;
      seen++;
    }
    return state;
  }

  /**
   * Ends the cycle: forgets series silent for {@code staleAfterCycles} cycles and hands every other
   * series without a sample this cycle to {@code silent}.
   */
  void endCycle(Consumer<S> silent) {
    if (seen < series.size()) {
      Iterator<S> it = series.values().iterator();
      while (it.hasNext()) {
        S state = it.next();
        long silentFor = cycle - state.lastSeenCycle;
        if (silentFor >= staleAfterCycles) {
          it.remove();
        } else if (silentFor > 0) {
          silent.accept(state);
        }
      }
    }
    if (dropped > 0 && droppedSeries == 0) {
      log.warn(
          "{} detector tracks its maximum of {} series; ignoring {} new series",
          detector,
          maxSeries,
          dropped);
    }
    droppedSeries = dropped;
  }

  S get(SeriesKey key) {
    return series.get(key);
  }

  int size() {
    return series.size();
  }

  /** Series ignored in the last cycle because {@code maxSeries} series were already tracked. */
  int droppedSeries() {
    return droppedSeries;
  }
}
