package io.x0tta6bl4.mapek.knowledge;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Knowledge over the application's data source, created after Flyway migrated it, and the scheduled
 * pruning of old cycles.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KnowledgeProperties.class)
class KnowledgeConfiguration {

  // Boot already orders JdbcTemplate after Flyway; the annotation says so for this bean too, in
  // case the JdbcTemplate ever comes from elsewhere.
  @Bean("Knowledge")
  @DependsOnDatabaseInitialization
  JdbcKnowledge knowledge(
      JdbcTemplate jdbcTemplate,
      PlatformTransactionManager transactionManager,
      KnowledgeProperties properties) {
    return new JdbcKnowledge(
        jdbcTemplate, new TransactionTemplate(transactionManager), properties.retention());
  }

  @Bean
  @DependsOnDatabaseInitialization
  JdbcTargetStore targetStore(
      JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager, Clock clock) {
    return new JdbcTargetStore(jdbcTemplate, new TransactionTemplate(transactionManager), clock);
  }

  @Bean
  RetentionPrunerLifecycle knowledgePruner(
      JdbcKnowledge knowledge, KnowledgeProperties properties, Clock clock) {
    return new RetentionPrunerLifecycle(
        new RetentionPruner(knowledge, properties.retention(), clock), properties.pruneInterval());
  }
}
