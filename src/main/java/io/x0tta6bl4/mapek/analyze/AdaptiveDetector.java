package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.SeriesKey;
import io.x0tta6bl4.mapek.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  private final SeriesTable<AdaptiveSeries> series;

  public AdaptiveDetector(AdaptiveSettings settings) {
    this.settings = settings;
    this.series = new SeriesTable<>("adaptive", settings, AdaptiveSeries::new);
  }

  @Override
  public List<Anomaly> detect(Snapshot snapshot) {
    series.startCycle();
    Instant now = snapshot.takenAt();
    List<Anomaly> found = new ArrayList<>();
    for (Observation observation : snapshot.observations()) {
      AdaptiveSeries state = series.stateFor(observation);
      if (state != null) {
        observe(state, observation.value(), now, found);
      }
    }
    series.endCycle(
        state -> {
          if (state.isFiring()) {
            found.add(state.anomaly(settings, false));
          }
        });
    return found.isEmpty() ? List.of() : found;
  }

  /** Series ignored in the last cycle because {@code maxSeries} series were already tracked. */
  public int droppedSeries() {
    return series.droppedSeries();
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
}
