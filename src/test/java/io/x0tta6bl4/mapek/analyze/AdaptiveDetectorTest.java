package io.x0tta6bl4.mapek.analyze;

import static io.x0tta6bl4.mapek.analyze.Samples.at;
import static io.x0tta6bl4.mapek.analyze.Samples.obs;
import static io.x0tta6bl4.mapek.analyze.Samples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.SeriesKey;
import io.x0tta6bl4.mapek.Severity;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AdaptiveDetectorTest {

  private static final String LATENCY = "http_latency_mean_seconds";
  private static final SeriesKey LATENCY_KEY = new SeriesKey("api", LATENCY, null);
  private static final String QUEUE = "queue_depth";

  private final Random random = new Random(42);
  private final AdaptiveDetector detector = new AdaptiveDetector(AdaptiveSettings.defaults());
  private long cycle;

  /** Feeds one sample of the series of target {@code api} and returns what the cycle reported. */
  private List<Anomaly> next(String series, double value) {
    return detector.detect(snapshot(cycle++, obs("api", series, value)));
  }

  private double normalLatency() {
    return 0.05 + 0.002 * random.nextGaussian();
  }

  private double overload() {
    return 0.8 + 0.01 * random.nextGaussian();
  }

  private void learnLatency(int samples) {
    for (int i = 0; i < samples; i++) {
      assertThat(next(LATENCY, normalLatency())).as("normal sample %d", i).isEmpty();
    }
  }

  private int samplesUntilDetected() {
    for (int samples = 1; samples <= 100; samples++) {
      if (!next(LATENCY, overload()).isEmpty()) {
        return samples;
      }
    }
    throw new AssertionError("overload not detected within 100 samples");
  }

  private Baseline latencyBaseline() {
    return detector.baseline(LATENCY_KEY).orElseThrow();
  }

  @Test
  void aSustainedOverloadIsNeverLearnedAndIsDetectedAgainJustAsFastAfterRecovery() {
    learnLatency(500);
    Baseline before = latencyBaseline();
    int firstDetection = samplesUntilDetected();

    List<Anomaly> last = List.of();
    for (int i = 0; i < 5_000; i++) {
      last = next(LATENCY, overload());
    }

    assertThat(firstDetection).isEqualTo(3);
    assertThat(last).as("still reported on the 5003rd overloaded sample").hasSize(1);
    assertThat(last.get(0).evidence().expected()).isEqualTo(before.mean());
    assertThat(latencyBaseline())
        .isEqualTo(
            new Baseline(before.mean(), before.stddev(), before.learnedSamples(), true, true));
    assertThat(before.mean()).isCloseTo(0.05, within(0.002));

    for (int i = 0; i < 3; i++) {
      next(LATENCY, normalLatency());
    }
    assertThat(latencyBaseline().firing()).as("recovered").isFalse();
    learnLatency(100);

    assertThat(samplesUntilDetected()).as("the same overload again").isEqualTo(firstDetection);
    assertThat(latencyBaseline().mean()).isCloseTo(0.05, within(0.002));
  }

  @Test
  void anOverloadJustPastTheBandIsNotAbsorbedEither() {
    learnLatency(500);
    Baseline before = latencyBaseline();
    double justPast = before.mean() + 4.5 * before.stddev();

    List<Anomaly> last = List.of();
    for (int i = 0; i < 5_000; i++) {
      last = next(LATENCY, justPast);
    }

    assertThat(last).hasSize(1);
    assertThat(latencyBaseline().mean()).isEqualTo(before.mean());
    assertThat(latencyBaseline().stddev()).isEqualTo(before.stddev());
  }

  @Test
  void slowDriftInsideTheBandIsLearnedWithoutFiring() {
    learnLatency(200);

    for (int i = 1; i <= 2_000; i++) {
      double ramp = 0.05 + 0.05 * i / 2_000.0;
      assertThat(next(LATENCY, ramp + 0.002 * random.nextGaussian())).as("sample %d", i).isEmpty();
    }

    assertThat(latencyBaseline().mean()).isCloseTo(0.10, within(0.002));
  }

  @Test
  void aSingleSpikeNeverFiresAndIsNotLearned() {
    learnLatency(100);
    Baseline before = latencyBaseline();

    assertThat(next(LATENCY, 1.0)).isEmpty();
    assertThat(latencyBaseline()).isEqualTo(before);
    assertThat(next(LATENCY, 1.0)).as("two in a row are still no fault").isEmpty();
    learnLatency(5);
    assertThat(next(LATENCY, 1.0)).isEmpty();
    assertThat(next(LATENCY, 1.0)).isEmpty();
    learnLatency(1);
    assertThat(next(LATENCY, 1.0)).as("the run restarts after a normal sample").isEmpty();
  }

  @Test
  void aFaultFiresAfterForSamplesWithItsEvidence() {
    flatQueue(40, 100);

    assertThat(next(QUEUE, 108)).isEmpty();
    assertThat(next(QUEUE, 109)).isEmpty();
    List<Anomaly> found = next(QUEUE, 108);

    assertThat(found).hasSize(1);
    Anomaly anomaly = found.get(0);
    assertThat(anomaly.target()).isEqualTo("api");
    assertThat(anomaly.symptom()).isEqualTo("anomaly");
    assertThat(anomaly.severity()).isEqualTo(Severity.WARNING);
    assertThat(anomaly.score()).as("1 - 4/8").isEqualTo(0.5);
    Evidence evidence = anomaly.evidence();
    assertThat(evidence.detector()).isEqualTo("adaptive");
    assertThat(evidence.series()).isEqualTo(QUEUE);
    assertThat(evidence.value()).isEqualTo(108);
    assertThat(evidence.expected()).isEqualTo(100);
    assertThat(evidence.bound()).as("mean + 4σ, σ at its 1% floor").isEqualTo(104);
    assertThat(evidence.since()).isEqualTo(at(40));
    assertThat(evidence.recent()).containsExactly(108.0, 109.0, 108.0);
    assertThat(evidence.reason())
        .isEqualTo("queue_depth=108 is 8.0σ above its baseline 100 (σ 1) for 3 samples");
  }

  @Test
  void aDropBelowTheBandReportsTheLowerBound() {
    flatQueue(40, 100);

    next(QUEUE, 90);
    next(QUEUE, 90);
    Evidence evidence = next(QUEUE, 90).get(0).evidence();

    assertThat(evidence.bound()).isEqualTo(96);
    assertThat(evidence.reason())
        .isEqualTo("queue_depth=90 is 10.0σ below its baseline 100 (σ 1) for 3 samples");
  }

  @Test
  void aFiringSeriesResolvesOnlyAfterClearSamplesBackInTheBand() {
    flatQueue(40, 100);
    for (int i = 0; i < 5; i++) {
      next(QUEUE, 120);
    }

    List<Anomaly> first = next(QUEUE, 100);
    assertThat(first).hasSize(1);
    assertThat(next(QUEUE, 120)).as("out again: the clear run restarts").hasSize(1);
    assertThat(next(QUEUE, 100)).hasSize(1);
    List<Anomaly> second = next(QUEUE, 101);
    assertThat(second).hasSize(1);
    assertThat(second.get(0).score()).isZero();
    assertThat(second.get(0).evidence().reason())
        .isEqualTo(
            "queue_depth=101 is 1.0σ above its baseline 100 (σ 1) for 6 samples; back in band"
                + " for 2 of 3 samples needed to clear");
    assertThat(second.get(0).evidence().since()).isEqualTo(at(40));
    assertThat(next(QUEUE, 100)).as("resolved").isEmpty();

    next(QUEUE, 120);
    next(QUEUE, 120);
    assertThat(next(QUEUE, 120).get(0).evidence().since()).as("a new episode").isEqualTo(at(50));
  }

  @Test
  void nothingFiresDuringWarmup() {
    flatQueue(27, 100);
    assertThat(detector.baseline(new SeriesKey("api", QUEUE, null)).orElseThrow().warmedUp())
        .isFalse();

    assertThat(next(QUEUE, 500)).isEmpty();
    assertThat(next(QUEUE, 500)).isEmpty();
    assertThat(next(QUEUE, 500)).as("the 30th sample is still learned").isEmpty();

    Baseline baseline = detector.baseline(new SeriesKey("api", QUEUE, null)).orElseThrow();
    assertThat(baseline.warmedUp()).isTrue();
    assertThat(baseline.learnedSamples()).isEqualTo(30);
    // weights max(alpha, 1/n): plain mean for the first 20 samples, EWMA with 0.05 after that
    assertThat(baseline.mean()).isCloseTo(100 + 400 * (1 - Math.pow(0.95, 3)), within(1e-9));
  }

  @Test
  void aWarmedUpSeriesFiresOnTheForSamplesThSampleAfterWarmup() {
    flatQueue(30, 100);

    next(QUEUE, 500);
    next(QUEUE, 500);

    assertThat(next(QUEUE, 500)).hasSize(1);
  }

  @Test
  void aFlatSeriesDoesNotFireOnARoundingChangeThanksToTheStddevFloor() {
    flatQueue(50, 100);
    for (int i = 0; i < 10; i++) {
      assertThat(next(QUEUE, 100.5)).as("0.5σ with the 1%% floor").isEmpty();
    }
    for (int i = 0; i < 50; i++) {
      next("idle_ratio", 0);
    }
    for (int i = 0; i < 10; i++) {
      assertThat(next("idle_ratio", 1e-9)).as("absolute floor 1e-6").isEmpty();
    }
    next("idle_ratio", 1e-5);
    next("idle_ratio", 1e-5);
    assertThat(next("idle_ratio", 1e-5)).as("10σ of the absolute floor").hasSize(1);
  }

  @Test
  void nanAndInfiniteSamplesAreIgnored() {
    flatQueue(29, 100);
    next(QUEUE, Double.NaN);
    assertThat(detector.baseline(new SeriesKey("api", QUEUE, null)).orElseThrow().warmedUp())
        .isFalse();
    flatQueue(1, 100);

    assertThat(next(QUEUE, 108)).isEmpty();
    assertThat(next(QUEUE, Double.NaN)).isEmpty();
    assertThat(next(QUEUE, 108)).isEmpty();
    assertThat(next(QUEUE, Double.POSITIVE_INFINITY)).isEmpty();
    assertThat(next(QUEUE, 108)).hasSize(1);
    assertThat(next(QUEUE, Double.NaN)).as("still firing, last value").hasSize(1);
    assertThat(detector.baseline(new SeriesKey("api", QUEUE, null)).orElseThrow().mean())
        .isEqualTo(100);
  }

  @Test
  void aFiringSeriesWithoutASampleIsStillReportedUntilItIsForgotten() {
    AdaptiveDetector forgetful = new AdaptiveDetector(settings(List.of("*"), List.of(), 10_000, 3));
    for (int i = 0; i < 33; i++) {
      forgetful.detect(snapshot(i, obs("api", QUEUE, i < 30 ? 100 : 120)));
    }

    List<Anomaly> missing = forgetful.detect(snapshot(33));
    assertThat(missing).hasSize(1);
    assertThat(missing.get(0).evidence().value()).isEqualTo(120);
    assertThat(missing.get(0).evidence().reason()).endsWith("; no sample since " + at(32));
    assertThat(forgetful.detect(snapshot(34))).hasSize(1);
    assertThat(forgetful.detect(snapshot(35))).as("3 cycles without a sample").isEmpty();
    assertThat(forgetful.trackedSeries()).isZero();
  }

  @Test
  void onlyIncludedAndNotExcludedSeriesAreWatched() {
    AdaptiveDetector filtered =
        new AdaptiveDetector(settings(List.of("http_*"), List.of("http_debug_*"), 10_000, 100));
    List<Anomaly> found = List.of();
    for (int i = 0; i < 33; i++) {
      double value = i < 30 ? 100 : 200;
      found =
          filtered.detect(
              snapshot(
                  i,
                  obs("api", LATENCY, value),
                  obs("api", "http_debug_bytes", value),
                  obs("api", "jvm_threads", value)));
    }

    assertThat(found).extracting(a -> a.evidence().series()).containsExactly(LATENCY);
    assertThat(filtered.trackedSeries()).isEqualTo(1);
  }

  @Test
  void atMostMaxSeriesAreTrackedAndSilentOnesAreEvicted() {
    AdaptiveDetector bounded = new AdaptiveDetector(settings(List.of("*"), List.of(), 2, 5));

    bounded.detect(snapshot(0, obs("a", QUEUE, 1), obs("b", QUEUE, 1), obs("c", QUEUE, 1)));
    assertThat(bounded.trackedSeries()).isEqualTo(2);
    assertThat(bounded.droppedSeries()).isEqualTo(1);
    assertThat(bounded.baseline(new SeriesKey("c", QUEUE, null))).isEmpty();

    for (int i = 1; i <= 4; i++) {
      bounded.detect(snapshot(i, obs("b", QUEUE, 1), obs("c", QUEUE, 1)));
      assertThat(bounded.droppedSeries()).as("cycle %d", i).isEqualTo(1);
    }
    assertThat(bounded.baseline(new SeriesKey("a", QUEUE, null))).isPresent();
    bounded.detect(snapshot(5, obs("b", QUEUE, 1), obs("c", QUEUE, 1)));
    assertThat(bounded.baseline(new SeriesKey("a", QUEUE, null))).as("5 silent cycles").isEmpty();
    assertThat(bounded.trackedSeries()).isEqualTo(1);

    bounded.detect(snapshot(6, obs("b", QUEUE, 1), obs("c", QUEUE, 1)));
    assertThat(bounded.droppedSeries()).isZero();
    assertThat(bounded.baseline(new SeriesKey("c", QUEUE, null))).isPresent();
    assertThat(bounded.trackedSeries()).isEqualTo(2);
  }

  private void flatQueue(int samples, double value) {
    for (int i = 0; i < samples; i++) {
      assertThat(next(QUEUE, value)).isEmpty();
    }
  }

  private static AdaptiveSettings settings(
      List<String> include, List<String> exclude, int maxSeries, int staleAfterCycles) {
    return new AdaptiveSettings(
        0.05, 30, 4, 3, 3, 1e-6, 0.01, include, exclude, maxSeries, staleAfterCycles);
  }
}
