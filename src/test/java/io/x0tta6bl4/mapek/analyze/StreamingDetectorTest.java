package io.x0tta6bl4.mapek.analyze;

import static io.x0tta6bl4.mapek.analyze.Samples.at;
import static io.x0tta6bl4.mapek.analyze.Samples.obs;
import static io.x0tta6bl4.mapek.analyze.Samples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.SeriesKey;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.analyze.stream.StreamSettings;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamingDetectorTest {

  private static final String LATENCY = "http_latency_mean_seconds";
  private static final SeriesKey LATENCY_KEY = new SeriesKey("api", LATENCY, null);

  private final StreamSettings settings = StreamSettings.defaults();
  private final Random random = new Random(42);
  private final StreamingDetector detector =
      new StreamingDetector(settings, AdaptiveSettings.defaults());
  private long cycle;

  private List<Anomaly> next(String series, double value) {
    return detector.detect(snapshot(cycle++, obs("api", series, value)));
  }

  private double normalLatency() {
    return 0.05 + 0.002 * random.nextGaussian();
  }

  /** Learns normal latency; returns how many episodes (detections) that opened. */
  private int learn(int samples) {
    int opened = 0;
    for (int i = 0; i < samples; i++) {
      long now = cycle;
      for (Anomaly anomaly : next(LATENCY, normalLatency())) {
        if (anomaly.evidence().since().equals(at(now))) {
          opened++;
        }
      }
    }
    return opened;
  }

  @Test
  void anOverloadIsDetectedAtOnceWithEvidenceAndResolvesAfterTheRest() {
    assertThat(learn(settings.warmupSamples())).isZero();
    learn(1_000);

    long detectedAt = cycle;
    List<Anomaly> found = next(LATENCY, 0.8);

    assertThat(found).hasSize(1);
    Anomaly anomaly = found.get(0);
    assertThat(anomaly.target()).isEqualTo("api");
    assertThat(anomaly.symptom()).isEqualTo("anomaly");
    assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
    assertThat(anomaly.score()).isGreaterThan(0.99).isLessThanOrEqualTo(1);
    Evidence evidence = anomaly.evidence();
    assertThat(evidence.detector()).isEqualTo("streaming");
    assertThat(evidence.series()).isEqualTo(LATENCY_KEY.toString());
    assertThat(evidence.value()).isEqualTo(0.8);
    assertThat(evidence.bound()).isBetween(0.055, 0.06);
    assertThat(evidence.expected()).isBetween(0.045, 0.055);
    assertThat(evidence.since()).isEqualTo(at(detectedAt));
    assertThat(evidence.recent()).containsExactly(0.8);
    assertThat(evidence.reason())
        .startsWith(LATENCY + "=0.8 left the range [0.04")
        .contains("it had in 1150 samples by");

    // the episode stays open while the model rests, with the detection's score and start
    for (int i = 1; i < settings.restSamples(); i++) {
      List<Anomaly> again = next(LATENCY, normalLatency());
      assertThat(again).as("rest sample %d", i).hasSize(1);
      assertThat(again.get(0).score()).isEqualTo(anomaly.score());
      assertThat(again.get(0).evidence().since()).isEqualTo(at(detectedAt));
    }
    assertThat(next(LATENCY, normalLatency())).isEmpty();
  }

  @Test
  void normalNoiseOpensFewEpisodesAndAnotherSeriesIsJudgedOnItsOwn() {
    // new extremes of plain noise are rare once the range has matured, frequent before
    assertThat(learn(2_000)).isLessThanOrEqualTo(6);
    assertThat(learn(2_000)).isLessThanOrEqualTo(2);
    int requestEpisodes = 0;
    for (int i = 0; i < 2_000; i++) {
      // a second series on a scale ten thousand times larger: its own range, its own contexts
      double requests = 500 + 20 * Math.sin(i / 10.0) + random.nextGaussian();
      List<Anomaly> found =
          detector.detect(
              snapshot(
                  cycle++,
                  obs("api", LATENCY, normalLatency()),
                  obs("api", "http_requests_rate", requests)));
      for (Anomaly anomaly : found) {
        if (anomaly.evidence().series().contains("http_requests_rate")
            && anomaly.evidence().since().equals(at(cycle - 1))) {
          requestEpisodes++;
        }
      }
    }
    assertThat(requestEpisodes).isLessThanOrEqualTo(2);
    assertThat(detector.trackedSeries()).isEqualTo(2);
    assertThat(detector.model(LATENCY_KEY)).isPresent();
  }

  @Test
  void aBrokenPatternInsideTheRangeIsExplainedAsContextual() {
    for (int i = 0; i < 3_000; i++) {
      next("queue_depth", 100 + 30 * Math.sin(2 * Math.PI * i / 100) + random.nextGaussian() * 0.5);
    }
    // the wave freezes a little above its mean: every value well inside the range it had
    Anomaly found = null;
    for (int i = 0; i < 10 && found == null; i++) {
      List<Anomaly> now = next("queue_depth", 108 + random.nextGaussian() * 0.5);
      found = now.isEmpty() ? null : now.get(0);
    }
    assertThat(found).isNotNull();
    assertThat(found.evidence().reason())
        .contains("is inside its range")
        .contains("followed their predecessors in ways not seen before");
  }

  @Test
  void aLevelShiftWellInsideTheRangeOfEarlierSpikesIsExplainedAsAShift() {
    for (int i = 0; i < 3_000; i++) {
      // noise (σ 5) with a 12σ spike every 500 samples: the raw range reaches far above
      next("queue_depth", 100 + 5 * random.nextGaussian() + (i % 500 == 250 ? 60 : 0));
    }
    Anomaly found = null;
    int delay = 0;
    while (found == null && delay < 30) {
      List<Anomaly> now = next("queue_depth", 115 + 5 * random.nextGaussian());
      found = now.isEmpty() ? null : now.get(0);
      delay++;
    }
    assertThat(found).as("shift of 3σ detected within 30 samples").isNotNull();
    assertThat(found.evidence().value()).as("far below the spikes").isLessThan(140);
    assertThat(found.evidence().reason())
        .contains("its smoothed level")
        .contains("of its earlier smoothed levels");
  }

  @Test
  void aSilentSeriesKeepsItsEpisodeThenIsForgottenAndNewSeriesBeyondTheLimitAreIgnored() {
    StreamingDetector small =
        new StreamingDetector(
            settings,
            new AdaptiveSettings(0.05, 30, 4, 3, 3, 1e-6, 0.01, List.of("*"), List.of(), 1, 3));
    long c = 0;
    for (int i = 0; i < 1_000; i++) {
      small.detect(snapshot(c++, obs("api", LATENCY, normalLatency())));
    }
    assertThat(small.detect(snapshot(c++, obs("api", LATENCY, 5)))).hasSize(1);
    List<Anomaly> silent = small.detect(snapshot(c++, obs("api", "other", 1)));
    assertThat(small.droppedSeries()).isEqualTo(1);
    assertThat(silent)
        .singleElement()
        .satisfies(a -> assertThat(a.evidence().reason()).contains("no sample since"));
    small.detect(snapshot(c++));
    small.detect(snapshot(c++));
    assertThat(small.trackedSeries()).isZero();
  }
}
