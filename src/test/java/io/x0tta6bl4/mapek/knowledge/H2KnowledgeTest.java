package io.x0tta6bl4.mapek.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The Knowledge contract on embedded H2 in PostgreSQL mode, the default store. */
class H2KnowledgeTest extends KnowledgeContractTest {

  private static final DataSource DATA_SOURCE = h2(UUID.randomUUID().toString(), "");

  @Override
  protected DataSource dataSource() {
    return DATA_SOURCE;
  }

  /** The URL the application uses by default, in memory. */
  static DataSource h2(String name, String extra) {
    return new DriverManagerDataSource(
        "jdbc:h2:mem:"
            + name
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"
            + extra,
        "sa",
        "");
  }

  @Test
  void unreachableAfterTheDatabaseWasShutDown() {
    String name = UUID.randomUUID().toString();
    DataSource creating = h2(name, "");
    Flyway.configure().dataSource(creating).load().migrate();
    // IFEXISTS: reconnecting must not silently create a new, empty in-memory database.
    JdbcKnowledge store = new JdbcKnowledge(h2(name, ";IFEXISTS=TRUE"), RETENTION);
    assertThat(store.reachable()).isTrue();

    new JdbcTemplate(creating).execute("shutdown");

    assertThat(store.reachable()).isFalse();
  }
}
