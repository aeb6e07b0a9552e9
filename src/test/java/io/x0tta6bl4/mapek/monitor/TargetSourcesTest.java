package io.x0tta6bl4.mapek.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.monitor.probe.HttpProbeSource;
import io.x0tta6bl4.mapek.monitor.scrape.PrometheusScrapeSource;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetSourcesTest {

  private final TargetSources sources = new TargetSources(1 << 20, 100);
  private final URI url = URI.create("http://127.0.0.1:9/x");

  private Target target(String id, Target.Kind kind) {
    return new Target(id, kind, url, Duration.ofMillis(1500), 0, null, null, null, Map.of(), null);
  }

  @Test
  void aPrometheusTargetIsScrapedWithItsOwnIdAndTimeout() {
    MetricSource source = sources.create(target("shop", Target.Kind.PROMETHEUS));

    assertThat(source).isInstanceOf(PrometheusScrapeSource.class);
    assertThat(source.target()).isEqualTo("shop");
    assertThat(source.timeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void anHttpTargetIsProbedWithItsOwnIdAndTimeout() {
    MetricSource source = sources.create(target("api", Target.Kind.HTTP));

    assertThat(source).isInstanceOf(HttpProbeSource.class);
    assertThat(source.target()).isEqualTo("api");
    assertThat(source.timeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void theControllerItselfIsNotMadeHere() {
    assertThatThrownBy(() -> sources.create(Target.self("self")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target 'self' is the controller itself");
  }
}
