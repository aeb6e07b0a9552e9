package io.x0tta6bl4.mapek.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Knowledge;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The wiring: bean name, order after Flyway, properties and their validation, the pruner. */
class KnowledgeConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataSourceAutoConfiguration.class,
                  DataSourceTransactionManagerAutoConfiguration.class,
                  JdbcTemplateAutoConfiguration.class,
                  FlywayAutoConfiguration.class))
          .withUserConfiguration(KnowledgeConfiguration.class)
          .withBean(Clock.class, Clock::systemUTC)
          .withPropertyValues(
              "spring.datasource.url=jdbc:h2:mem:"
                  + UUID.randomUUID()
                  + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");

  @Test
  void knowledgeBeanIsCreatedAfterFlywayMigrated() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean("Knowledge")).isInstanceOf(JdbcKnowledge.class);
          assertThat(context.getBeanFactory().getBeanDefinition("Knowledge").getDependsOn())
              .contains("flywayInitializer");
          Knowledge knowledge = context.getBean(Knowledge.class);
          assertThat(knowledge.reachable()).isTrue();
          assertThat(knowledge.lastCycleId()).isZero();
        });
  }

  @Test
  void defaultsKeepCyclesForSevenDaysAndPruneHourly() {
    runner.run(
        context -> {
          KnowledgeProperties properties = context.getBean(KnowledgeProperties.class);
          assertThat(properties.retention()).isEqualTo(Duration.ofDays(7));
          assertThat(properties.pruneInterval()).isEqualTo(Duration.ofHours(1));
          assertThat(context.getBean(Knowledge.class).stats().retention())
              .isEqualTo(Duration.ofDays(7));
        });
  }

  @Test
  void prunerRunsWithTheContextAndStopsWithIt() {
    runner.run(
        context -> {
          RetentionPrunerLifecycle pruner = context.getBean(RetentionPrunerLifecycle.class);
          assertThat(pruner.isRunning()).isTrue();
          context.close();
          assertThat(pruner.isRunning()).isFalse();
        });
  }

  @Test
  void configuredRetentionIsUsed() {
    runner
        .withPropertyValues(
            "x0tta6bl4.knowledge.retention=36h", "x0tta6bl4.knowledge.prune-interval=5m")
        .run(
            context -> {
              KnowledgeProperties properties = context.getBean(KnowledgeProperties.class);
              assertThat(properties.pruneInterval()).isEqualTo(Duration.ofMinutes(5));
              assertThat(context.getBean(Knowledge.class).stats().retention())
                  .isEqualTo(Duration.ofHours(36));
            });
  }

  @Test
  void nonPositiveRetentionStopsStartupNamingKeyAndValue() {
    runner
        .withPropertyValues("x0tta6bl4.knowledge.retention=0s")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage("x0tta6bl4.knowledge.retention must be positive, but was PT0S"));
  }

  @Test
  void negativePruneIntervalStopsStartupNamingKeyAndValue() {
    runner
        .withPropertyValues("x0tta6bl4.knowledge.prune-interval=-1m")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "x0tta6bl4.knowledge.prune-interval must be positive, but was PT-1M"));
  }

  @Test
  void unknownKeyStopsStartup() {
    runner
        .withPropertyValues("x0tta6bl4.knowledge.retension=1d")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .hasStackTraceContaining("x0tta6bl4.knowledge.retension"));
  }
}
