package io.x0tta6bl4;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.monitor.MonitorProperties;
import io.x0tta6bl4.mapek.plan.PlannerProperties;
import io.x0tta6bl4.testsupport.StartupFailures;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Invalid or unknown configuration stops startup with a message that names the key. */
class ConfigurationValidationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({
    LoopProperties.class,
    PlannerProperties.class,
    MonitorProperties.class
  })
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Properties.class);

  @Test
  void defaultsBind() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          LoopProperties loop = context.getBean(LoopProperties.class);
          assertThat(loop.interval()).isEqualTo(Duration.ofSeconds(5));
          assertThat(loop.mode()).isEqualTo(Mode.ACTIVE);
          assertThat(context.getBean(PlannerProperties.class).maxAttempts()).isEqualTo(3);
        });
  }

  @Test
  void dryRunModeBindsFromItsDocumentedSpelling() {
    runner
        .withPropertyValues("x0tta6bl4.loop.mode=dry-run")
        .run(
            context ->
                assertThat(context.getBean(LoopProperties.class).mode()).isEqualTo(Mode.DRY_RUN));
  }

  @Test
  void anIntervalOutOfRangeStopsStartupNamingTheKey() {
    assertStartupFails(
        "x0tta6bl4.loop.interval=10ms",
        "x0tta6bl4.loop.interval must be between 100ms and 1h, but was PT0.01S");
  }

  @Test
  void aMistypedKeyStopsStartupNamingTheKey() {
    assertStartupFails("x0tta6bl4.loop.intervall=5s", "intervall");
  }

  @Test
  void aValueOfTheWrongTypeStopsStartupNamingTheKey() {
    assertStartupFails("x0tta6bl4.planner.max-attempts=three", "x0tta6bl4.planner.max-attempts");
  }

  @Test
  void anInvalidPolicyStopsStartupNamingThePolicy() {
    assertStartupFails("x0tta6bl4.planner.policies[0].name=empty", "policy 'empty'");
  }

  @Test
  void anInvalidGuardStopsStartupNamingTheKey() {
    assertStartupFails(
        "x0tta6bl4.planner.budget=0", "x0tta6bl4.planner.budget must be at least 1, but was 0");
  }

  private void assertStartupFails(String property, String expected) {
    runner
        .withPropertyValues(property)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(StartupFailures.messages(context.getStartupFailure())).contains(expected);
            });
  }
}
