package io.x0tta6bl4.mapek.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.testsupport.InMemoryTargetStore;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetRegistryTest {

  private final InMemoryTargetStore store = new InMemoryTargetStore();
  private final List<Target> built = new ArrayList<>();
  private final MetricSource self = source("self");

  private static Target http(String id, int status) {
    return new Target(
        id,
        Target.Kind.HTTP,
        URI.create("http://127.0.0.1:9/" + id),
        null,
        status,
        null,
        null,
        null,
        null,
        null);
  }

  private static MetricSource source(String target) {
    return new MetricSource() {
      @Override
      public String target() {
        return target;
      }

      @Override
      public List<Observation> collect(Instant now) {
        return List.of();
      }
    };
  }

  private TargetRegistry registry(Target... configured) {
    return new TargetRegistry(
        List.of(configured),
        store,
        target -> {
          built.add(target);
          return source(target.id());
        },
        List.of(self));
  }

  @Test
  void sourcesAreTheFixedOnesThenOnePerTargetInDefinitionOrder() {
    TargetRegistry registry = registry(http("web", 200));
    registry.create(http("api", 200));

    assertThat(registry.sources())
        .extracting(MetricSource::target)
        .containsExactly("self", "web", "api");
  }

  @Test
  void aSourceIsReusedWhileItsTargetIsUnchangedAndRebuiltWhenReplaced() {
    TargetRegistry registry = registry();
    registry.create(http("api", 200));
    MetricSource first = registry.sources().get(1);

    MetricSource same = registry.sources().get(1);
    registry.put(http("api", 204));
    MetricSource replaced = registry.sources().get(1);

    assertThat(same).isSameAs(first);
    assertThat(replaced).isNotSameAs(first);
    assertThat(built).extracting(Target::expectedStatus).containsExactly(200, 204);
  }

  @Test
  void apiTargetsArePersistedAndReloaded() {
    registry().create(http("api", 200));

    TargetRegistry restarted = registry();

    assertThat(restarted.find("api"))
        .hasValueSatisfying(r -> assertThat(r.origin()).isEqualTo(TargetRegistry.Origin.API));
    assertThat(store.targets).containsKey("api");
  }

  @Test
  void idsAreUniqueAcrossConfigurationAndApi() {
    TargetRegistry registry = registry(http("web", 200));
    registry.create(http("api", 200));

    assertThatThrownBy(() -> registry.create(http("web", 200)))
        .isInstanceOf(TargetConflictException.class)
        .hasMessage("target 'web' already exists");
    assertThatThrownBy(() -> registry.create(http("api", 200)))
        .isInstanceOf(TargetConflictException.class);
  }

  @Test
  void configuredTargetsCannotBeChangedThroughTheApi() {
    TargetRegistry registry = registry(http("web", 200));

    assertThatThrownBy(() -> registry.put(http("web", 204)))
        .isInstanceOf(TargetConflictException.class)
        .hasMessageContaining("declared in configuration and cannot be replaced");
    assertThatThrownBy(() -> registry.delete("web"))
        .isInstanceOf(TargetConflictException.class)
        .hasMessageContaining("cannot be deleted");
    assertThat(registry.find("web")).isPresent();
  }

  @Test
  void deleteRemovesFromStoreAndSources() {
    TargetRegistry registry = registry();
    registry.create(http("api", 200));

    assertThat(registry.delete("api")).isTrue();
    assertThat(registry.delete("api")).isFalse();
    assertThat(registry.sources()).extracting(MetricSource::target).containsExactly("self");
    assertThat(store.targets).isEmpty();
  }

  @Test
  void duplicateConfiguredIdsStopStartup() {
    assertThatThrownBy(() -> registry(http("web", 200), http("web", 204)))
        .hasMessage("x0tta6bl4.monitor.targets must have unique ids, but 'web' repeats");
  }
}
