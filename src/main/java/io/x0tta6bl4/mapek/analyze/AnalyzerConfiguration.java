package io.x0tta6bl4.mapek.analyze;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the Analyzer: targets that are down, the threshold rules, then (when enabled) the adaptive
 * detector of the configured method ({@code streaming} by default, or {@code ewma}).
 */
@Configuration(proxyBeanMethods = false)
class AnalyzerConfiguration {

  @Bean
  AlertInbox alertInbox(AnalyzerProperties props) {
    return new AlertInbox(props.alerts().maxAge());
  }

  @Bean
  AlertDetector alertDetector(AlertInbox inbox, AnalyzerProperties props) {
    return new AlertDetector(inbox, props.alerts().targetLabels(), props.alerts().symptomLabels());
  }

  @Bean("Analyzer")
  DetectingAnalyzer analyzer(AnalyzerProperties props, AlertDetector alerts) {
    List<Detector> detectors = new ArrayList<>();
    detectors.add(alerts);
    AnalyzerProperties.TargetDown down = props.targetDown();
    detectors.add(new TargetDownDetector(down.failures(), down.recoveries()));
    detectors.add(new ThresholdDetector(props.rules(), props.thresholdStaleAfterCycles()));
    AnalyzerProperties.Adaptive adaptive = props.adaptive();
    if (adaptive.enabled()) {
      detectors.add(
          switch (adaptive.method()) {
            case STREAMING ->
                new StreamingDetector(adaptive.streaming().toSettings(), adaptive.toSettings());
            case EWMA -> new AdaptiveDetector(adaptive.toSettings());
          });
    }
    return new DetectingAnalyzer(detectors);
  }
}
