package io.x0tta6bl4.mapek.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Analyzer;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.analyze.ThresholdRule.Op;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class AnalyzerConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AnalyzerProperties.class)
  static class Wiring extends AnalyzerConfiguration {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Wiring.class);

  @Test
  void withoutConfigurationTheAnalyzerRunsNoRulesAndTheDefaultAdaptiveDetector() {
    runner.run(
        context -> {
          AnalyzerProperties props = context.getBean(AnalyzerProperties.class);
          assertThat(props.thresholds()).isEmpty();
          assertThat(props.thresholdStaleAfterCycles()).isEqualTo(100);
          assertThat(props.adaptive()).isEqualTo(AnalyzerProperties.Adaptive.defaults());
          DetectingAnalyzer analyzer = context.getBean("Analyzer", DetectingAnalyzer.class);
          assertThat(context.getBean(Analyzer.class)).isSameAs(analyzer);
          assertThat(analyzer.detectors())
              .hasExactlyElementsOfTypes(
                  AlertDetector.class,
                  TargetDownDetector.class,
                  ThresholdDetector.class,
                  StreamingDetector.class);
        });
  }

  @Test
  void theDefaultAnalyzerReportsAnAnomalyWithStreamingEvidenceForALatencySpike() {
    runner.run(
        context -> {
          Analyzer analyzer = context.getBean(Analyzer.class);
          Random random = new Random(3);
          for (int cycle = 0; cycle < 1_000; cycle++) {
            double latency = 0.05 + 0.002 * random.nextGaussian();
            analyzer.analyze(
                Samples.snapshot(cycle, Samples.obs("api", "http_latency_seconds", latency)));
          }
          assertThat(
                  analyzer.analyze(
                      Samples.snapshot(1_000, Samples.obs("api", "http_latency_seconds", 2.0))))
              .singleElement()
              .satisfies(
                  anomaly -> {
                    assertThat(anomaly.symptom()).isEqualTo("anomaly");
                    assertThat(anomaly.target()).isEqualTo("api");
                    assertThat(anomaly.evidence().detector()).isEqualTo("streaming");
                  });
        });
  }

  @Test
  void theEwmaMethodKeepsTheEarlierAdaptiveDetector() {
    runner
        .withPropertyValues("x0tta6bl4.analyzer.adaptive.method=ewma")
        .run(
            context ->
                assertThat(context.getBean(DetectingAnalyzer.class).detectors())
                    .last()
                    .isInstanceOf(AdaptiveDetector.class));
  }

  @Test
  void anInvalidStreamingValueStopsStartupNamingTheKey() {
    runner
        .withPropertyValues("x0tta6bl4.analyzer.adaptive.streaming.levels=1")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "x0tta6bl4.analyzer.adaptive.streaming.levels must be in 2..64, but was 1"));
  }

  @Test
  void aRuleBindsFromKebabCaseKeysIncludingFor() {
    runner
        .withPropertyValues(
            "x0tta6bl4.analyzer.thresholds[0].name=heap-high",
            "x0tta6bl4.analyzer.thresholds[0].series=jvm_heap_used_ratio",
            "x0tta6bl4.analyzer.thresholds[0].op=above",
            "x0tta6bl4.analyzer.thresholds[0].threshold=0.9",
            "x0tta6bl4.analyzer.thresholds[0].clear=0.8",
            "x0tta6bl4.analyzer.thresholds[0].for=1m",
            "x0tta6bl4.analyzer.thresholds[0].symptom=memory_pressure",
            "x0tta6bl4.analyzer.adaptive.enabled=false")
        .run(
            context -> {
              assertThat(context.getBean(AnalyzerProperties.class).rules())
                  .containsExactly(
                      new ThresholdRule(
                          "heap-high",
                          "jvm_heap_used_ratio",
                          "*",
                          Op.ABOVE,
                          0.9,
                          Duration.ofMinutes(1),
                          0.8,
                          "memory_pressure",
                          Severity.WARNING));
              assertThat(context.getBean(DetectingAnalyzer.class).detectors())
                  .hasExactlyElementsOfTypes(
                      AlertDetector.class, TargetDownDetector.class, ThresholdDetector.class);
            });
  }

  @Test
  void anInvalidValueStopsStartupNamingTheKey() {
    runner
        .withPropertyValues("x0tta6bl4.analyzer.adaptive.alpha=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage("x0tta6bl4.analyzer.adaptive.alpha must be in (0, 1], but was 0"));
  }

  @Test
  void anUnknownKeyStopsStartup() {
    runner
        .withPropertyValues("x0tta6bl4.analyzer.adaptive.alfa=0.1")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("x0tta6bl4.analyzer.adaptive.alfa"));
  }
}
