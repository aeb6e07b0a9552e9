package io.x0tta6bl4.mapek.execute;

import static io.x0tta6bl4.mapek.execute.TestActions.action;
import static io.x0tta6bl4.mapek.execute.TestActions.cycle;
import static io.x0tta6bl4.mapek.execute.TestActions.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Executor;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ExecuteConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ExecutorProperties.class)
  static class Infrastructure {
    @Bean
    Clock clock() {
      return Clock.fixed(TestActions.T0, java.time.ZoneOffset.UTC);
    }
  }

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ApplicationAvailabilityAutoConfiguration.class,
                  ValidationAutoConfiguration.class))
          .withUserConfiguration(Infrastructure.class, ExecuteConfiguration.class);

  @Test
  void executorBeanRunsEveryHandlerKind() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean("Executor", Executor.class))
              .isInstanceOfSatisfying(
                  HandlerExecutor.class,
                  executor ->
                      assertThat(executor.kinds())
                          .containsExactly("command", "gc", "log", "readiness", "webhook"));
        });
  }

  @Test
  void defaultsApplyWhenNothingIsSet() {
    runner.run(
        context -> {
          ExecutorProperties properties = context.getBean(ExecutorProperties.class);
          assertThat(properties.actionTimeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(properties.maxConcurrent()).isEqualTo(4);
          assertThat(properties.webhook()).isEqualTo(ExecutorProperties.Webhook.defaults());
          assertThat(properties.command()).isEqualTo(ExecutorProperties.Command.defaults());
        });
  }

  @Test
  void keysBindFromConfiguration() {
    runner
        .withPropertyValues(
            "x0tta6bl4.executor.action-timeout=3s",
            "x0tta6bl4.executor.max-concurrent=2",
            "x0tta6bl4.executor.webhook.url=https://alerts.example.org/hook",
            "x0tta6bl4.executor.webhook.max-retries=0",
            "x0tta6bl4.executor.webhook.initial-backoff=50ms")
        .run(
            context -> {
              ExecutorProperties properties = context.getBean(ExecutorProperties.class);
              assertThat(properties.actionTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(properties.maxConcurrent()).isEqualTo(2);
              assertThat(properties.webhook().url())
                  .isEqualTo(URI.create("https://alerts.example.org/hook"));
              assertThat(properties.webhook().maxRetries()).isZero();
              assertThat(properties.webhook().initialBackoff()).isEqualTo(Duration.ofMillis(50));
            });
  }

  @Test
  void commandKeysAndWebhookSecretBindFromConfiguration() {
    runner
        .withPropertyValues(
            "x0tta6bl4.executor.command.timeout=5s",
            "x0tta6bl4.executor.command.output-tail=300",
            "x0tta6bl4.executor.command.allowed-programs=systemctl,/usr/local/bin/restart-api",
            "x0tta6bl4.executor.webhook.secret=whsec-from-config")
        .run(
            context -> {
              ExecutorProperties properties = context.getBean(ExecutorProperties.class);
              assertThat(properties.command())
                  .isEqualTo(
                      new ExecutorProperties.Command(
                          Duration.ofSeconds(5),
                          300,
                          List.of("systemctl", "/usr/local/bin/restart-api")));
              assertThat(properties.webhook().secret())
                  .isEqualTo(WebhookSecret.of("whsec-from-config"));
              assertThat(properties.toString()).doesNotContain("whsec");
            });
  }

  @Test
  void emptyWebhookSecretBindsAsNoSecret() {
    runner
        .withPropertyValues("x0tta6bl4.executor.webhook.secret=")
        .run(
            context ->
                assertThat(context.getBean(ExecutorProperties.class).webhook().secret()).isNull());
  }

  @Test
  void relativeAllowedProgramStopsStartup() {
    runner
        .withPropertyValues("x0tta6bl4.executor.command.allowed-programs=./restart.sh")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "x0tta6bl4.executor.command.allowed-programs[0] must be a program name or"
                            + " an absolute path, but was './restart.sh'"));
  }

  @Test
  void invalidValueStopsStartupNamingKeyAndValue() {
    runner
        .withPropertyValues("x0tta6bl4.executor.max-concurrent=0")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "x0tta6bl4.executor.max-concurrent must be between 1 and 64, but was 0"));
  }

  @Test
  void nonHttpDefaultUrlStopsStartup() {
    runner
        .withPropertyValues("x0tta6bl4.executor.webhook.url=ftp://files.example.org/x")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "x0tta6bl4.executor.webhook.url must be an absolute http or https URL,"
                            + " but was ftp://files.example.org/x"));
  }

  @Test
  void unknownKeyStopsStartup() {
    runner
        .withPropertyValues("x0tta6bl4.executor.max-concurent=2")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void readinessSwitchMovesSpringsReadinessState() {
    runner.run(
        context -> {
          ReadinessSwitch readiness = context.getBean(ReadinessSwitch.class);
          ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);

          readiness.refuseTraffic("test");
          assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
          assertThat(readiness.acceptingTraffic()).isFalse();

          readiness.acceptTraffic("test");
          assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
          assertThat(readiness.acceptingTraffic()).isTrue();
        });
  }

  @Test
  void closingTheContextClosesTheExecutor() {
    HandlerExecutor[] executor = new HandlerExecutor[1];
    runner.run(context -> executor[0] = context.getBean(HandlerExecutor.class));

    Outcome outcome =
        executor[0].execute(cycle(Mode.ACTIVE), plan(Mode.ACTIVE, action("42-1", "log"))).get(0);

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message()).isEqualTo("executor is closed");
  }
}
