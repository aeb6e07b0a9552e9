package io.x0tta6bl4.mapek.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Analyzer;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.analyze.ThresholdRule.Op;
import java.time.Duration;
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
                  AdaptiveDetector.class);
        });
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
