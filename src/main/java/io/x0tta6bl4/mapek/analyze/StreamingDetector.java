package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.SeriesKey;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.analyze.stream.StreamModel;
import io.x0tta6bl4.mapek.analyze.stream.StreamSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@code anomaly} detector: a {@link StreamModel} per watched series, learned online
 * with one parameter set for every series (measured on the Numenta Anomaly Benchmark, see
 * docs/performance.md). A detection opens an episode that is reported every cycle while the model
 * rests and then resolves. Which series are watched, how many and for how long a silent one is kept
 * come from the shared adaptive keys ({@code include}, {@code exclude}, {@code max-series}, {@code
 * stale-after-cycles}); memory per series is fixed by the stream settings.
 */
public final class StreamingDetector implements Detector {

  private static final Logger log = LoggerFactory.getLogger(StreamingDetector.class);

  private static final int LOOKAHEAD = 2;

  private final SeriesTable<StreamingSeries> series;

  public StreamingDetector(StreamSettings settings, AdaptiveSettings watch) {
    this.series = new SeriesTable<>("streaming", watch, key -> new StreamingSeries(key, settings));
  }

  @Override
  public List<Anomaly> detect(Snapshot snapshot) {
    series.startCycle();
    List<Observation> observations = snapshot.observations();
    int count = observations.size();
    StreamingSeries[] states = new StreamingSeries[count];
    for (int i = 0; i < count; i++) {
      states[i] = series.stateFor(observations.get(i));
    }
    List<Anomaly> found = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StreamingSeries state = states[i];
      if (state == null) {
        continue;
      }
      // with thousands of series their models are not in the CPU cache: reading the ones a few
      // observations ahead now lets their cache misses overlap with the scoring of this one, in two
      // steps because the buckets to read depend on the model's fields
      int further = i + 2 * LOOKAHEAD;
      if (further < count && states[further] != null) {
        states[further].model().touch();
      }
      int ahead = i + LOOKAHEAD;
      if (ahead < count && states[ahead] != null) {
        states[ahead].model().warm(observations.get(ahead).value());
      }
      boolean wasFiring = state.isFiring();
      state.observe(observations.get(i).value(), snapshot.takenAt());
      if (state.isFiring()) {
        Anomaly anomaly = state.anomaly(true);
        if (!wasFiring) {
          log.info("streaming anomaly: {}", anomaly.evidence().reason());
        }
        found.add(anomaly);
      }
    }
    series.endCycle(
        state -> {
          if (state.isFiring()) {
            found.add(state.anomaly(false));
          }
        });
    return found.isEmpty() ? List.of() : found;
  }

  /** How many series are tracked now. */
  public int trackedSeries() {
    return series.size();
  }

  /** Series ignored in the last cycle because {@code max-series} series were already tracked. */
  public int droppedSeries() {
    return series.droppedSeries();
  }

  /** The model of a series, if it is tracked (read-only use: for inspection and tests). */
  public Optional<StreamModel> model(SeriesKey key) {
    StreamingSeries state = series.get(key);
    return state == null ? Optional.empty() : Optional.of(state.model());
  }
}
