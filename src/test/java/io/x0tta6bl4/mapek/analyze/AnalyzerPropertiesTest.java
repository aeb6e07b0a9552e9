package io.x0tta6bl4.mapek.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.analyze.AnalyzerProperties.Adaptive;
import io.x0tta6bl4.mapek.analyze.AnalyzerProperties.Threshold;
import io.x0tta6bl4.mapek.analyze.ThresholdRule.Op;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerPropertiesTest {

  private static Threshold heapHigh(String name, Double threshold, Double clear, Duration forDur) {
    return new Threshold(
        name,
        "jvm_heap_used_ratio",
        "*",
        Op.ABOVE,
        threshold,
        forDur,
        clear,
        "memory_pressure",
        Severity.WARNING);
  }

  private static Adaptive adaptive(double alpha, int warmup, double z, List<String> include) {
    return new Adaptive(
        true, null, null, alpha, warmup, z, 3, 3, 1e-6, 0.01, include, List.of(), 10_000, 100);
  }

  private static AnalyzerProperties withThresholds(Threshold... thresholds) {
    return new AnalyzerProperties(List.of(thresholds), 100, Adaptive.defaults(), null, null);
  }

  @Test
  void aRuleWithoutClearLevelClearsAtItsThreshold() {
    AnalyzerProperties props =
        withThresholds(heapHigh("heap-high", 0.9, null, Duration.ofSeconds(30)));

    assertThat(props.rules())
        .containsExactly(
            new ThresholdRule(
                "heap-high",
                "jvm_heap_used_ratio",
                "*",
                Op.ABOVE,
                0.9,
                Duration.ofSeconds(30),
                0.9,
                "memory_pressure",
                Severity.WARNING));
  }

  @Test
  void ruleNamesMustBeUnique() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                withThresholds(
                    heapHigh("heap-high", 0.9, null, Duration.ZERO),
                    heapHigh("heap-high", 0.95, null, Duration.ZERO)))
        .withMessage(
            "x0tta6bl4.analyzer.thresholds[1].name must be unique, but heap-high is already the"
                + " name of thresholds[0]");
  }

  @Test
  void invalidRuleFieldsAreReportedWithTheirFullKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withThresholds(heapHigh("heap-high", 0.9, 0.95, Duration.ZERO)))
        .withMessage(
            "x0tta6bl4.analyzer.thresholds[0].clear must be a number at or below the threshold"
                + " 0.9 of a rule that fires above it, but was 0.95");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                withThresholds(
                    heapHigh("ok", 0.9, null, Duration.ZERO),
                    heapHigh("late", 0.9, null, Duration.ofSeconds(-5))))
        .withMessage(
            "x0tta6bl4.analyzer.thresholds[1].for must be zero or positive, but was PT-5S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withThresholds(heapHigh("heap-high", null, null, Duration.ZERO)))
        .withMessage("x0tta6bl4.analyzer.thresholds[0].threshold must be set, but was null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> withThresholds(heapHigh(" ", 0.9, null, Duration.ZERO)))
        .withMessage("x0tta6bl4.analyzer.thresholds[0].name must not be blank, but was ' '");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                withThresholds(
                    new Threshold(
                        "r", "s", "*", null, 1.0, Duration.ZERO, null, "x", Severity.INFO)))
        .withMessage("x0tta6bl4.analyzer.thresholds[0].op must be above or below, but was null");
  }

  @Test
  void invalidAdaptiveParametersAreReportedWithTheirFullKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> adaptive(0, 30, 4, List.of("*")))
        .withMessage("x0tta6bl4.analyzer.adaptive.alpha must be in (0, 1], but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> adaptive(1.5, 30, 4, List.of("*")))
        .withMessage("x0tta6bl4.analyzer.adaptive.alpha must be in (0, 1], but was 1.5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> adaptive(0.05, 0, 4, List.of("*")))
        .withMessage("x0tta6bl4.analyzer.adaptive.warmup-samples must be positive, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> adaptive(0.05, 30, -1, List.of("*")))
        .withMessage("x0tta6bl4.analyzer.adaptive.z-threshold must be positive, but was -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> adaptive(0.05, 30, 4, List.of()))
        .withMessage("x0tta6bl4.analyzer.adaptive.include must not be empty, but was []");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Adaptive(
                    true, null, null, 0.05, 30, 4, 0, 3, 1e-6, 0.01, List.of("*"), null, 1, 1))
        .withMessage("x0tta6bl4.analyzer.adaptive.for-samples must be positive, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Adaptive(
                    true, null, null, 0.05, 30, 4, 3, 0, 1e-6, 0.01, List.of("*"), null, 1, 1))
        .withMessage("x0tta6bl4.analyzer.adaptive.clear-samples must be positive, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Adaptive(
                    true, null, null, 0.05, 30, 4, 3, 3, 0, 0.01, List.of("*"), null, 1, 1))
        .withMessage("x0tta6bl4.analyzer.adaptive.min-stddev must be positive, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Adaptive(
                    true, null, null, 0.05, 30, 4, 3, 3, 1e-6, -0.1, List.of("*"), null, 1, 1))
        .withMessage(
            "x0tta6bl4.analyzer.adaptive.min-relative-stddev must be zero or positive, but was"
                + " -0.1");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Adaptive(
                    true, null, null, 0.05, 30, 4, 3, 3, 1e-6, 0.01, List.of("*"), null, 0, 1))
        .withMessage("x0tta6bl4.analyzer.adaptive.max-series must be positive, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Adaptive(
                    true, null, null, 0.05, 30, 4, 3, 3, 1e-6, 0.01, List.of("*"), null, 1, 0))
        .withMessage("x0tta6bl4.analyzer.adaptive.stale-after-cycles must be positive, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Adaptive(
                    true,
                    null,
                    null,
                    0.05,
                    30,
                    4,
                    3,
                    3,
                    1e-6,
                    0.01,
                    List.of("*"),
                    List.of("", "x"),
                    1,
                    1))
        .withMessage(
            "x0tta6bl4.analyzer.adaptive.exclude must not contain a blank pattern, but was '' in"
                + " [, x]");
  }

  @Test
  void theStaleLimitOfThresholdConditionsMustBePositive() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new AnalyzerProperties(List.of(), 0, Adaptive.defaults(), null, null))
        .withMessage("x0tta6bl4.analyzer.threshold-stale-after-cycles must be positive, but was 0");
  }

  @Test
  void missingPartsFallBackToTheDefaults() {
    AnalyzerProperties props = new AnalyzerProperties(null, 100, null, null, null);

    assertThat(props.thresholds()).isEmpty();
    assertThat(props.adaptive().enabled()).isTrue();
    assertThat(props.adaptive().toSettings()).isEqualTo(AdaptiveSettings.defaults());
  }
}
