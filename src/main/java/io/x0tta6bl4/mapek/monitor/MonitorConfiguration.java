package io.x0tta6bl4.mapek.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.x0tta6bl4.mapek.PeerTls;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStore;
import io.x0tta6bl4.mapek.Tracing;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the {@code Monitor} over the {@link TargetRegistry}: the self source, any other {@link
 * MetricSource} bean, and the configured and API-created targets.
 */
@Configuration(proxyBeanMethods = false)
class MonitorConfiguration {

  @Bean(name = "Monitor", destroyMethod = "close")
  SourcesMonitor monitor(
      MonitorProperties properties, TargetRegistry targets, ObjectProvider<Tracing> tracing) {
    return new SourcesMonitor(
        targets::sources,
        properties.concurrency(),
        System::nanoTime,
        tracing.getIfAvailable(() -> Tracing.NONE));
  }

  /**
   * The self source and any other {@link MetricSource} bean are fixed; targets from configuration
   * and the API are read from the registry every cycle.
   */
  @Bean
  TargetRegistry targetRegistry(
      MonitorProperties properties,
      TargetStore store,
      TargetSources factory,
      ObjectProvider<MeterRegistry> registry,
      ObjectProvider<MetricSource> extraSources) {
    List<MetricSource> fixed = new ArrayList<>();
    MonitorProperties.Self self = properties.self();
    if (self.enabled()) {
      SelfReadings readings = new JvmSelfReadings(registry.getIfAvailable(), self.dataDirectory());
      fixed.add(new SelfSource(self.target(), readings));
    }
    extraSources.orderedStream().forEach(fixed::add);
    return new TargetRegistry(properties.targets(), store, factory::create, fixed);
  }

  /**
   * Targets with a {@code spiffe-id} are scraped over mutual TLS; a configured one without the
   * controller's SPIFFE identity stops startup (one created through the API reports itself down
   * with the reason instead).
   */
  @Bean
  TargetSources targetSources(
      MonitorProperties properties,
      ObjectProvider<PeerTls> peerTls,
      ObjectProvider<Tracing> tracing) {
    PeerTls tls = peerTls.getIfAvailable(PeerTls::unavailable);
    List<Target> configured = properties.targets();
    for (int i = 0; i < configured.size(); i++) {
      if (configured.get(i).mutualTls() && !tls.available()) {
        throw new IllegalStateException(
            "x0tta6bl4.monitor.targets[" + i + "].spiffe-id: " + PeerTls.MISSING);
      }
    }
    return new TargetSources(
        TargetHttp.newClient(),
        tls,
        properties.maxBodyBytes(),
        properties.maxSamples(),
        System::nanoTime,
        tracing.getIfAvailable(() -> Tracing.NONE));
  }
}
