package io.x0tta6bl4.mapek.analyze;

import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the Analyzer: the threshold rules first, then (when enabled) the adaptive detector. */
@Configuration(proxyBeanMethods = false)
class AnalyzerConfiguration {

  @Bean("Analyzer")
  DetectingAnalyzer analyzer(AnalyzerProperties props) {
    List<Detector> detectors = new ArrayList<>();
    detectors.add(new ThresholdDetector(props.rules(), props.thresholdStaleAfterCycles()));
    if (props.adaptive().enabled()) {
      detectors.add(new AdaptiveDetector(props.adaptive().toSettings()));
    }
    return new DetectingAnalyzer(detectors);
  }
}
