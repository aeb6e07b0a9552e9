package io.x0tta6bl4.mapek.analyze.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The default model on synthetic series: Gaussian noise (mean 100, σ 5) and a clean daily-like wave
 * (amplitude 30, period 100, noise σ 0.5), each 10,000 samples, with a fault from sample 6,000.
 * Each case runs for five seeds; the bounds are what the detector meets on every one of them.
 */
class StreamModelTest {

  private static final int N = 10_000;
  private static final int FAULT = 6_000;

  private static double[] noise(Random random) {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = 100 + 5 * random.nextGaussian();
    }
    return x;
  }

  private static double[] wave(Random random, int period, double amplitude) {
    double[] x = new double[N];
    for (int i = 0; i < N; i++) {
      x[i] = 100 + amplitude * Math.sin(2 * Math.PI * i / period) + 0.5 * random.nextGaussian();
    }
    return x;
  }

  /** Indexes of the samples scored at or above the threshold. */
  private static List<Integer> detections(double[] series) {
    StreamSettings settings = StreamSettings.defaults();
    StreamModel model = new StreamModel(settings);
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i < series.length; i++) {
      double score = model.score(series[i]);
      assertThat(score).isBetween(0.0, 1.0);
      if (score >= settings.threshold()) {
        found.add(i);
      }
    }
    return found;
  }

  private static long before(List<Integer> detections, int index) {
    return detections.stream().filter(i -> i < index).count();
  }

  private static int delay(List<Integer> detections) {
    return detections.stream()
        .filter(i -> i >= FAULT)
        .findFirst()
        .map(i -> i - FAULT)
        .orElse(Integer.MAX_VALUE);
  }

  private static double[] faulty(double[] base, int from, int to, DoubleUnaryOperator fault) {
    double[] x = base.clone();
    for (int i = from; i < to; i++) {
      x[i] = fault.applyAsDouble(x[i]);
    }
    return x;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void noiseOnlyGivesAtMostFiveDetectionsInTenThousandSamplesAfterTheWarmUp(int seed) {
    List<Integer> found = detections(noise(new Random(seed)));
    assertThat(found).allMatch(i -> i >= StreamSettings.defaults().warmupSamples());
    assertThat(found.stream().filter(i -> i >= 1_000)).hasSizeLessThanOrEqualTo(5);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void aSpikeOfTwelveSigmaIsDetectedAtOnce(int seed) {
    double[] x = faulty(noise(new Random(seed)), FAULT, FAULT + 1, v -> v + 60);
    List<Integer> found = detections(x);
    assertThat(delay(found)).isZero();
    assertThat(found).contains(FAULT);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void aStepOfSixSigmaIsDetectedAtOnceAndOneOfTwoSigmaWithinFiftySamples(int seed) {
    double[] base = noise(new Random(seed));
    assertThat(delay(detections(faulty(base, FAULT, N, v -> v + 30)))).isZero();
    assertThat(delay(detections(faulty(base, FAULT, N, v -> v + 10)))).isLessThanOrEqualTo(50);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void aSlowDriftIsReportedOnceItLeavesTheRangeButAtMostOncePerRest(int seed) {
    double[] x = noise(new Random(seed));
    for (int i = FAULT; i < N; i++) {
      x[i] += (i - FAULT) * 0.01; // σ/500 per sample: 4σ after 2,000 samples
    }
    List<Integer> found = detections(x);
    assertThat(delay(found)).isLessThanOrEqualTo(1_000);
    for (int k = 1; k < found.size(); k++) {
      assertThat(found.get(k) - found.get(k - 1))
          .isGreaterThan(StreamSettings.defaults().restSamples());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void aSeasonalSeriesGivesFewFalseAlarmsAndABrokenPatternInsideTheRangeIsDetected(int seed) {
    double[] base = wave(new Random(seed), 100, 30);
    List<Integer> normal = detections(base);
    assertThat(normal).hasSizeLessThanOrEqualTo(5);
    assertThat(before(normal, FAULT)).isLessThanOrEqualTo(4);

    // the wave stops at its mean for 100 samples: every value is well inside the learned range
    Random flatNoise = new Random(seed + 100);
    double[] flat = faulty(base, FAULT, FAULT + 100, v -> 100 + 0.5 * flatNoise.nextGaussian());
    assertThat(delay(detections(flat))).isLessThanOrEqualTo(10);

    // the period halves: same range, new sequence
    double[] faster = base.clone();
    Random fastNoise = new Random(seed + 200);
    for (int i = FAULT; i < N; i++) {
      faster[i] = 100 + 30 * Math.sin(2 * Math.PI * i / 50) + 0.5 * fastNoise.nextGaussian();
    }
    assertThat(delay(detections(faster))).isLessThanOrEqualTo(25);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5})
  void nothingIsReportedDuringTheWarmUpEvenForAWildSeries(int seed) {
    Random random = new Random(seed);
    StreamModel model = new StreamModel(StreamSettings.defaults());
    for (int i = 0; i < StreamSettings.defaults().warmupSamples(); i++) {
      assertThat(model.score(Math.pow(10, 6 * random.nextDouble()))).isZero();
    }
  }

  @Test
  void memoryPerSeriesStaysFixedOverAMillionSamplesOfEverChangingPatterns() {
    StreamModel model = new StreamModel(StreamSettings.defaults());
    int slots = model.memorySlots();
    int window = model.windowSlots();
    Random random = new Random(7);
    double walk = 0;
    double lowest = 0;
    double highest = 0;
    for (int i = 0; i < 1_000_000; i++) {
      walk += random.nextGaussian();
      double score = model.score(walk + 50 * Math.sin(i / (3.0 + i % 17)));
      lowest = Math.min(lowest, score);
      highest = Math.max(highest, score);
    }
    assertThat(lowest).isGreaterThanOrEqualTo(0);
    assertThat(highest).isLessThanOrEqualTo(1);
    assertThat(model.samples()).isEqualTo(1_000_000);
    assertThat(model.memorySlots()).isEqualTo(slots).isEqualTo(1024);
    assertThat(model.windowSlots()).isEqualTo(window).isEqualTo(5);
  }

  @Test
  void warmingTheNextSampleChangesNoScore() {
    // the streaming detector warms a model a few observations ahead; that must be invisible
    StreamModel plain = new StreamModel(StreamSettings.defaults());
    StreamModel warmed = new StreamModel(StreamSettings.defaults());
    Random random = new Random(7);
    int detections = 0;
    for (int i = 0; i < 20_000; i++) {
      double value =
          50 + 10 * Math.sin(i / 40.0) + random.nextGaussian() + (i % 3_000 == 0 ? 40 : 0);
      warmed.warm(value);
      warmed.warm(value * 3);
      double expected = plain.score(value);
      assertThat(warmed.score(value)).isEqualTo(expected);
      assertThat(warmed.lastSignal()).isEqualTo(plain.lastSignal());
      detections += expected >= 0.5 ? 1 : 0;
    }
    assertThat(detections).isPositive();
  }
}
