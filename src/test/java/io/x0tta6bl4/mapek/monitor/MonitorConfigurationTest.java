package io.x0tta6bl4.mapek.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.mapek.monitor.probe.HttpProbeSource;
import io.x0tta6bl4.mapek.monitor.scrape.PrometheusScrapeSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class MonitorConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(MonitorProperties.class)
  static class Wiring extends MonitorConfiguration {
    @org.springframework.context.annotation.Bean
    io.x0tta6bl4.testsupport.InMemoryTargetStore targetStore() {
      return new io.x0tta6bl4.testsupport.InMemoryTargetStore();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ExtraSource {
    @Bean
    MetricSource extra() {
      return new MetricSource() {
        @Override
        public String target() {
          return "extra";
        }

        @Override
        public List<Observation> collect(Instant now) {
          return List.of(new Observation("extra", "answer", 42));
        }
      };
    }
  }

  @TempDir Path data;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withUserConfiguration(Wiring.class)
        .withPropertyValues("x0tta6bl4.monitor.self.data-directory=" + data);
  }

  private static Snapshot collect(SourcesMonitor monitor) {
    return monitor.collect(new CycleContext(1, Instant.parse("2026-11-24T08:00:00Z"), Mode.ACTIVE));
  }

  @Test
  void defaultsBindAndTheMonitorWatchesTheControllerItself() {
    runner()
        .run(
            context -> {
              MonitorProperties properties = context.getBean(MonitorProperties.class);
              assertThat(properties.concurrency()).isEqualTo(8);
              assertThat(properties.maxBodyBytes()).isEqualTo(10_485_760L);
              assertThat(properties.maxSamples()).isEqualTo(50_000);
              assertThat(properties.self().target()).isEqualTo("self");
              Snapshot snapshot = collect(context.getBean("Monitor", SourcesMonitor.class));
              assertThat(snapshot.targets())
                  .extracting(TargetStatus::target)
                  .containsExactly("self");
              assertThat(snapshot.targets().get(0).up()).isTrue();
            });
  }

  @Test
  void anyOtherMetricSourceBeanIsCollectedAfterTheSelfSource() {
    runner()
        .withUserConfiguration(ExtraSource.class)
        .withPropertyValues("x0tta6bl4.monitor.concurrency=2")
        .run(
            context ->
                assertThat(collect(context.getBean(SourcesMonitor.class)).targets())
                    .extracting(TargetStatus::target)
                    .containsExactly("self", "extra"));
  }

  @Test
  void theSelfSourceCanBeTurnedOff() {
    runner()
        .withPropertyValues("x0tta6bl4.monitor.self.enabled=false")
        .run(
            context ->
                assertThat(collect(context.getBean(SourcesMonitor.class)).targets()).isEmpty());
  }

  @Test
  void theTargetSourcesFactoryIsABean() {
    runner()
        .run(
            context -> {
              TargetSources sources = context.getBean(TargetSources.class);
              URI url = URI.create("http://127.0.0.1:9/metrics");
              assertThat(sources.create(target("shop", Target.Kind.PROMETHEUS, url)))
                  .isInstanceOf(PrometheusScrapeSource.class);
              assertThat(sources.create(target("api", Target.Kind.HTTP, url)))
                  .isInstanceOf(HttpProbeSource.class);
            });
  }

  @Test
  void invalidValuesStopStartupNamingTheKey() {
    assertFails(
        "x0tta6bl4.monitor.concurrency=0",
        "x0tta6bl4.monitor.concurrency must be between 1 and 64, but was 0");
    assertFails(
        "x0tta6bl4.monitor.max-body-bytes=100",
        "x0tta6bl4.monitor.max-body-bytes must be between 1024 and 1073741824, but was 100");
    assertFails(
        "x0tta6bl4.monitor.max-samples=0",
        "x0tta6bl4.monitor.max-samples must be between 1 and 10000000, but was 0");
    assertFails("x0tta6bl4.monitor.max-body=1", "max-body");
  }

  @Test
  void aConfiguredMutualTlsTargetWithoutAnIdentityStopsStartup() {
    runner()
        .withPropertyValues(
            "x0tta6bl4.monitor.targets[0].id=shop",
            "x0tta6bl4.monitor.targets[0].kind=prometheus",
            "x0tta6bl4.monitor.targets[0].url=https://shop:8443/metrics",
            "x0tta6bl4.monitor.targets[0].spiffe-id=spiffe://example.org/ns/shop/sa/web")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .message()
                    .contains("x0tta6bl4.monitor.targets[0].spiffe-id: mutual TLS needs")
                    .contains("SPIFFE_ENDPOINT_SOCKET"));
  }

  private void assertFails(String property, String message) {
    runner()
        .withPropertyValues(property)
        .run(context -> assertThat(context).getFailure().rootCause().message().contains(message));
  }

  @Test
  void defaultsByHandMatchTheBoundDefaults() {
    runner()
        .run(
            context -> {
              MonitorProperties bound = context.getBean(MonitorProperties.class);
              MonitorProperties byHand = MonitorProperties.defaults();
              assertThat(byHand.concurrency()).isEqualTo(bound.concurrency());
              assertThat(byHand.maxBodyBytes()).isEqualTo(bound.maxBodyBytes());
              assertThat(byHand.maxSamples()).isEqualTo(bound.maxSamples());
              assertThat(byHand.self().target()).isEqualTo(bound.self().target());
            });
  }

  private static Target target(String id, Target.Kind kind, URI url) {
    return new Target(id, kind, url, null, 0, null, null, null, Map.of(), null);
  }
}
