package io.x0tta6bl4.mapek.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@code Monitor} over the self source and any other {@link MetricSource} bean, and the
 * {@link TargetSources} factory for watched targets.
 */
@Configuration(proxyBeanMethods = false)
class MonitorConfiguration {

  @Bean(name = "Monitor", destroyMethod = "close")
  SourcesMonitor monitor(
      MonitorProperties properties,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<MetricSource> extraSources) {
    List<MetricSource> sources = new ArrayList<>();
    MonitorProperties.Self self = properties.self();
    if (self.enabled()) {
      SelfReadings readings = new JvmSelfReadings(registry.getIfAvailable(), self.dataDirectory());
      sources.add(new SelfSource(self.target(), readings));
    }
    extraSources.orderedStream().forEach(sources::add);
    List<MetricSource> fixed = List.copyOf(sources);
    return new SourcesMonitor(() -> fixed, properties.concurrency(), System::nanoTime);
  }

  @Bean
  TargetSources targetSources(MonitorProperties properties) {
    return new TargetSources(properties.maxBodyBytes(), properties.maxSamples());
  }
}
