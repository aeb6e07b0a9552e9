package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.SeriesKey;
import io.x0tta6bl4.mapek.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Learns a baseline for every watched series on its own (no configuration per series) and reports
 * series that leave it. Per series: an EWMA mean and variance; after {@code warmupSamples} learned
 * samples, a sample is outside the band when |z| &ge; {@code zThreshold}, with z = (value - mean) /
 * σ and σ = max(EWMA standard deviation, {@code minStddev}, {@code minRelativeStddev} × |mean|). It
 * fires after {@code forSamples} consecutive samples outside (so one spike never fires) and
 * resolves after {@code clearSamples} consecutive samples back inside.
 *
 * <p>Bounded learning: samples outside the band, and all samples while a series is pending or
 * firing, are never learned. A fault that persists for hours therefore stays an anomaly, and the
 * same fault later is detected again after the same number of samples. Only drift that stays inside
 * the band moves the baseline.
 *
 * <p>NaN and infinite samples are ignored; a firing series without a sample in a cycle is reported
 * with its last value. Memory is bounded: at most {@code maxSeries} series are tracked, new series
 * beyond that are ignored (see {@link #droppedSeries()}), and a series without a sample for {@code
 * staleAfterCycles} cycles is forgotten.
 */
public final class AdaptiveDetector implements Detector {

  private static final Logger log = LoggerFactory.getLogger(AdaptiveDetector.class);

  private final AdaptiveSettings settings;
  private final SeriesFilter filter;
  private final Map<SeriesKey, AdaptiveSeries> series = new HashMap<>();
  private long cycle;
  private int droppedSeries;

  public AdaptiveDetector(AdaptiveSettings settings) {
    this.settings = settings;
    this.filter = new SeriesFilter(settings.include(), settings.exclude(), settings.maxSeries());
  }

  @Override
  public List<Anomaly> detect(Snapshot snapshot) {
    cycle++;
    int dropped = 0;
    int seen = 0;
    Instant now = snapshot.takenAt();
    List<Anomaly> found = new ArrayList<>();
    for (Observation observation : snapshot.observations()) {
      double value = observation.value();
      if (!Double.isFinite(value) || !filter.accepts(observation.series())) {
        continue;
      }
      SeriesKey key = observation.key();
      AdaptiveSeries state = series.get(key);
      if (state == null) {
        state = admit(key);
        if (state == null) {
          dropped++;
          continue;
        }
      }
      if (state.lastSeenCycle != cycle) {
        state.lastSeenCycle = cycle;
        seen++;
      }
      observe(state, value, now, found);
    }
    if (seen < series.size()) {
      sweepUnobserved(found);
    }
    noteDropped(dropped);
    return found.isEmpty() ? List.of() : found;
  }

  /** Series ignored in the last cycle because {@code maxSeries} series were already tracked. */
  public int droppedSeries() {
    return droppedSeries;
  }

  /** How many series are tracked now. */
  public int trackedSeries() {
    return series.size();
  }

  /** The learned baseline of a series, if it is tracked. */
  public Optional<Baseline> baseline(SeriesKey key) {
    AdaptiveSeries state = series.get(key);
    return state == null ? Optional.empty() : Optional.of(state.baseline(settings));
  }

  private AdaptiveSeries admit(SeriesKey key) {
    if (series.size() >= settings.maxSeries()) {
      return null;
    }
    AdaptiveSeries state = new AdaptiveSeries(key);
    series.put(key, state);
    return state;
  }

  private void observe(AdaptiveSeries state, double value, Instant now, List<Anomaly> found) {
    boolean wasFiring = state.isFiring();
    state.observe(value, now, settings);
    if (state.isFiring()) {
      Anomaly anomaly = state.anomaly(settings, true);
      if (!wasFiring) {
        log.info("adaptive anomaly: {}", anomaly.evidence().reason());
      }
      found.add(anomaly);
    } else if (wasFiring) {
      log.info("adaptive anomaly resolved on {}", state.key());
    }
  }

  /** Reports firing series that got no sample now and forgets those silent for too long. */
  private void sweepUnobserved(List<Anomaly> found) {
    Iterator<AdaptiveSeries> it = series.values().iterator();
    while (it.hasNext()) {
      AdaptiveSeries state = it.next();
      long silent = cycle - state.lastSeenCycle;
      if (silent == 0) {
        continue;
      }
      if (silent >= settings.staleAfterCycles()) {
        it.remove();
      } else if (state.isFiring()) {
        found.add(state.anomaly(settings, false));
      }
    }
  }

  private void noteDropped(int dropped) {
    if (dropped > 0 && droppedSeries == 0) {
      log.warn(
          "adaptive detector tracks its maximum of {} series; ignoring {} new series",
          settings.maxSeries(),
          dropped);
    }
    droppedSeries = dropped;
  }
}
