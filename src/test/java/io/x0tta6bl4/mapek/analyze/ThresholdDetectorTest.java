package io.x0tta6bl4.mapek.analyze;

import static io.x0tta6bl4.mapek.analyze.Samples.at;
import static io.x0tta6bl4.mapek.analyze.Samples.obs;
import static io.x0tta6bl4.mapek.analyze.Samples.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.analyze.ThresholdRule.Op;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdDetectorTest {

  private static final String HEAP = "jvm_heap_used_ratio";

  private static ThresholdRule heapHigh(Duration forDuration, double clear) {
    return new ThresholdRule(
        "heap-high",
        HEAP,
        "*",
        Op.ABOVE,
        0.9,
        forDuration,
        clear,
        "memory_pressure",
        Severity.CRITICAL);
  }

  private static ThresholdDetector detector(ThresholdRule... rules) {
    return new ThresholdDetector(List.of(rules), 5);
  }

  private static List<Anomaly> heap(ThresholdDetector detector, long cycle, double value) {
    return detector.detect(snapshot(cycle, obs("app", HEAP, value)));
  }

  @Test
  void aSingleSpikeNeverFires() {
    ThresholdDetector detector = detector(heapHigh(Duration.ofSeconds(30), 0.9));

    double[] values = {0.5, 0.99, 0.5, 0.5, 0.5, 0.5};
    for (int cycle = 0; cycle < values.length; cycle++) {
      assertThat(heap(detector, cycle, values[cycle])).isEmpty();
    }
  }

  @Test
  void aSustainedBreachFiresOnceItHeldForTheRuleDurationWithItsEvidence() {
    ThresholdDetector detector = detector(heapHigh(Duration.ofSeconds(30), 0.9));
    Map<String, String> labels = Map.of("area", "heap", "pool", "old");

    assertThat(detector.detect(snapshot(0, obs("app", HEAP, labels, 0.5)))).isEmpty();
    assertThat(detector.detect(snapshot(1, obs("app", HEAP, labels, 0.93)))).isEmpty();
    assertThat(detector.detect(snapshot(2, obs("app", HEAP, labels, 0.94)))).isEmpty();
    assertThat(detector.detect(snapshot(3, obs("app", HEAP, labels, 0.95)))).as("20s").isEmpty();
    List<Anomaly> found = detector.detect(snapshot(4, obs("app", HEAP, labels, 0.99)));

    assertThat(found).hasSize(1);
    Anomaly anomaly = found.get(0);
    assertThat(anomaly.target()).isEqualTo("app");
    assertThat(anomaly.symptom()).isEqualTo("memory_pressure");
    assertThat(anomaly.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(anomaly.score()).isCloseTo(0.09 / 0.9, within(1e-9));
    Evidence evidence = anomaly.evidence();
    assertThat(evidence.detector()).isEqualTo("threshold");
    assertThat(evidence.series()).isEqualTo("jvm_heap_used_ratio{area=\"heap\",pool=\"old\"}");
    assertThat(evidence.value()).isEqualTo(0.99);
    assertThat(evidence.expected()).isEqualTo(0.9);
    assertThat(evidence.bound()).isEqualTo(0.9);
    assertThat(evidence.since()).isEqualTo(at(1));
    assertThat(evidence.recent()).containsExactly(0.93, 0.94, 0.95, 0.99);
    assertThat(evidence.reason())
        .isEqualTo(
            "jvm_heap_used_ratio{area=\"heap\",pool=\"old\"}=0.99 above 0.9 for 30s (rule heap-high)");
  }

  @Test
  void aFiringRuleIsReportedEveryCycleWithTheLastTenValues() {
    ThresholdDetector detector = detector(heapHigh(Duration.ZERO, 0.9));

    for (int cycle = 0; cycle < 15; cycle++) {
      List<Anomaly> found = heap(detector, cycle, 0.91 + cycle / 1000.0);
      assertThat(found).as("cycle %d", cycle).hasSize(1);
      assertThat(found.get(0).evidence().since()).isEqualTo(at(0));
    }
    Evidence last = heap(detector, 15, 0.95).get(0).evidence();
    assertThat(last.recent()).hasSize(10).endsWith(0.924, 0.95).startsWith(0.916);
    assertThat(last.reason())
        .isEqualTo("jvm_heap_used_ratio=0.95 above 0.9 for 150s (rule heap-high)");
  }

  @Test
  void forZeroFiresOnTheFirstBreachingSample() {
    ThresholdDetector detector = detector(heapHigh(Duration.ZERO, 0.9));

    assertThat(heap(detector, 0, 0.9)).as("equal is not above").isEmpty();
    List<Anomaly> found = heap(detector, 1, 0.91);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).evidence().since()).isEqualTo(at(1));
    assertThat(found.get(0).evidence().reason()).endsWith("for 0s (rule heap-high)");
  }

  @Test
  void aValueBetweenClearAndThresholdKeepsTheRuleFiringAndOneAtClearResolvesIt() {
    ThresholdDetector detector = detector(heapHigh(Duration.ZERO, 0.8));

    assertThat(heap(detector, 0, 0.95)).hasSize(1);
    List<Anomaly> held = heap(detector, 1, 0.85);
    assertThat(held).as("held by hysteresis").hasSize(1);
    assertThat(held.get(0).score()).isZero();
    assertThat(held.get(0).evidence().since()).isEqualTo(at(0));
    assertThat(heap(detector, 2, 0.81)).hasSize(1);
    assertThat(heap(detector, 3, 0.8)).as("resolved").isEmpty();
    assertThat(heap(detector, 4, 0.85)).as("below threshold does not fire again").isEmpty();
    assertThat(heap(detector, 5, 0.91).get(0).evidence().since()).isEqualTo(at(5));
  }

  @Test
  void aSampleBackAtOrBelowTheThresholdResetsAPendingCondition() {
    ThresholdDetector detector = detector(heapHigh(Duration.ofSeconds(20), 0.8));

    heap(detector, 0, 0.95);
    heap(detector, 1, 0.95);
    assertThat(heap(detector, 2, 0.85)).as("hysteresis does not apply while pending").isEmpty();
    assertThat(heap(detector, 3, 0.95)).isEmpty();
    assertThat(heap(detector, 4, 0.95)).isEmpty();
    assertThat(heap(detector, 5, 0.95).get(0).evidence().since()).isEqualTo(at(3));
  }

  @Test
  void nanAndMissingSamplesNeitherAdvanceNorResetAPendingCondition() {
    ThresholdDetector detector = detector(heapHigh(Duration.ofSeconds(30), 0.9));

    assertThat(heap(detector, 0, 0.95)).isEmpty();
    assertThat(heap(detector, 1, Double.NaN)).isEmpty();
    assertThat(detector.detect(snapshot(2))).isEmpty();
    assertThat(detector.detect(snapshot(3, obs("app", "other_series", 1)))).isEmpty();
    assertThat(heap(detector, 4, Double.NaN)).as("40s passed, but without a sample").isEmpty();
    List<Anomaly> found = heap(detector, 5, 0.96);

    assertThat(found).hasSize(1);
    assertThat(found.get(0).evidence().since()).isEqualTo(at(0));
    assertThat(found.get(0).evidence().recent()).containsExactly(0.95, 0.96);
  }

  @Test
  void nanAndMissingSamplesDoNotClearAFiringRuleWhichKeepsReportingItsLastValue() {
    ThresholdDetector detector = detector(heapHigh(Duration.ZERO, 0.8));
    heap(detector, 0, 0.95);

    List<Anomaly> nan = heap(detector, 1, Double.NaN);
    List<Anomaly> missing = detector.detect(snapshot(2));

    for (List<Anomaly> found : List.of(nan, missing)) {
      assertThat(found).hasSize(1);
      assertThat(found.get(0).evidence().value()).isEqualTo(0.95);
      assertThat(found.get(0).evidence().since()).isEqualTo(at(0));
      assertThat(found.get(0).evidence().reason())
          .isEqualTo(
              "jvm_heap_used_ratio=0.95 above 0.9 for 0s (rule heap-high); no sample since "
                  + at(0));
    }
    assertThat(heap(detector, 3, 0.85)).hasSize(1);
    assertThat(heap(detector, 4, 0.5)).isEmpty();
  }

  @Test
  void aConditionWithoutSamplesForStaleAfterCyclesIsDropped() {
    ThresholdDetector detector = detector(heapHigh(Duration.ZERO, 0.9));
    heap(detector, 0, 0.95);

    for (int cycle = 1; cycle < 5; cycle++) {
      assertThat(detector.detect(snapshot(cycle))).as("cycle %d", cycle).hasSize(1);
    }
    assertThat(detector.detect(snapshot(5))).as("5 cycles without a sample").isEmpty();
    assertThat(heap(detector, 6, 0.95).get(0).evidence().since()).isEqualTo(at(6));
  }

  @Test
  void aWildcardRuleWatchesEveryTargetAndAnExactOneOnlyItsOwn() {
    ThresholdRule any = heapHigh(Duration.ZERO, 0.9);
    ThresholdRule dbOnly =
        new ThresholdRule(
            "db-heap",
            HEAP,
            "db-1",
            Op.ABOVE,
            0.5,
            Duration.ZERO,
            0.5,
            "db_memory",
            Severity.WARNING);
    ThresholdDetector detector = detector(any, dbOnly);

    List<Anomaly> found =
        detector.detect(
            snapshot(0, obs("app-1", HEAP, 0.95), obs("db-1", HEAP, 0.95), obs("db-2", HEAP, 0.6)));

    assertThat(found)
        .extracting(Anomaly::problemKey)
        .containsExactly("app-1/memory_pressure", "db-1/memory_pressure", "db-1/db_memory");
  }

  @Test
  void seriesWithDifferentLabelsKeepTheirOwnConditions() {
    ThresholdDetector detector = detector(heapHigh(Duration.ofSeconds(10), 0.9));
    Observation oldGen = obs("app", HEAP, Map.of("pool", "old"), 0.95);
    Observation eden = obs("app", HEAP, Map.of("pool", "eden"), 0.95);

    detector.detect(snapshot(0, oldGen));
    List<Anomaly> found = detector.detect(snapshot(1, oldGen, eden));

    assertThat(found)
        .extracting(a -> a.evidence().series())
        .containsExactly("jvm_heap_used_ratio{pool=\"old\"}");
  }

  @Test
  void aBelowRuleFiresUnderItsThresholdAndClearsAboveItsClearLevel() {
    ThresholdRule lowDisk =
        new ThresholdRule(
            "disk-low",
            "disk_free_ratio",
            "*",
            Op.BELOW,
            0.1,
            Duration.ZERO,
            0.2,
            "disk_full",
            Severity.WARNING);
    ThresholdDetector detector = detector(lowDisk);

    List<Anomaly> found = detector.detect(snapshot(0, obs("node", "disk_free_ratio", 0.05)));
    assertThat(found.get(0).score()).isCloseTo(0.5, within(1e-9));
    assertThat(found.get(0).evidence().reason())
        .isEqualTo("disk_free_ratio=0.05 below 0.1 for 0s (rule disk-low)");
    assertThat(detector.detect(snapshot(1, obs("node", "disk_free_ratio", 0.15)))).hasSize(1);
    assertThat(detector.detect(snapshot(2, obs("node", "disk_free_ratio", 0.2)))).isEmpty();
  }

  @Test
  void theScoreIsTheRelativeExcessClippedToOne() {
    ThresholdRule cpu =
        new ThresholdRule(
            "cpu",
            "cpu_ratio",
            "*",
            Op.ABOVE,
            0.4,
            Duration.ZERO,
            0.4,
            "saturation",
            Severity.WARNING);
    ThresholdRule errors =
        new ThresholdRule(
            "errors",
            "errors_per_second",
            "*",
            Op.ABOVE,
            0,
            Duration.ZERO,
            0,
            "errors",
            Severity.WARNING);
    ThresholdDetector detector = detector(cpu, errors);

    List<Anomaly> found =
        detector.detect(
            snapshot(
                0,
                obs("a", "cpu_ratio", 0.5),
                obs("b", "cpu_ratio", 0.9),
                obs("c", "errors_per_second", 0.001)));

    assertThat(found.get(0).score()).isCloseTo(0.25, within(1e-9));
    assertThat(found.get(1).score()).as("twice the threshold or more").isEqualTo(1.0);
    assertThat(found.get(2).score()).as("a zero threshold has no scale").isEqualTo(1.0);
  }

  @Test
  void ruleNamesMustBeUnique() {
    ThresholdRule rule = heapHigh(Duration.ZERO, 0.9);

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ThresholdDetector(List.of(rule, rule), 5))
        .withMessage("rule names must be unique, but heap-high is used twice");
  }

  @Test
  void theClearLevelMustLieOnTheResolvedSideOfTheThreshold() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> heapHigh(Duration.ZERO, 0.95))
        .withMessage(
            "clear must be a number at or below the threshold 0.9 of a rule that fires above it,"
                + " but was 0.95");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ThresholdRule(
                    "d", "s", "*", Op.BELOW, 0.1, Duration.ZERO, 0.05, "x", Severity.INFO))
        .withMessage(
            "clear must be a number at or above the threshold 0.1 of a rule that fires below it,"
                + " but was 0.05");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> heapHigh(Duration.ofSeconds(-1), 0.9))
        .withMessage("for must be zero or positive, but was PT-1S");
  }
}
