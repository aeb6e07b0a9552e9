package io.x0tta6bl4.mapek.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.testsupport.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class JdbcTargetStoreTest {

  private final JdbcTargetStore store;

  JdbcTargetStoreTest() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    store =
        new JdbcTargetStore(
            new JdbcTemplate(dataSource),
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
            new MutableClock(Instant.parse("2026-11-24T08:00:00Z")));
  }

  private static Target probe(String id, int expectedStatus) {
    return new Target(
        id,
        Target.Kind.HTTP,
        URI.create("http://127.0.0.1:8081/health?full=1"),
        Duration.ofMillis(1500),
        expectedStatus,
        "/status",
        "UP",
        "checkout",
        Map.of("team", "payments", "tier", "1"),
        null);
  }

  @Test
  void aSavedTargetReadsBackEqual() {
    Target target = probe("api", 204);

    assertThat(store.save(target)).isTrue();

    assertThat(store.find("api")).contains(target);
    assertThat(store.all()).containsExactly(target);
  }

  @Test
  void aMutualTlsTargetKeepsItsSpiffeId() {
    Target target =
        new Target(
            "shop",
            Target.Kind.PROMETHEUS,
            URI.create("https://shop:8443/metrics"),
            null,
            0,
            null,
            null,
            null,
            Map.of(),
            "spiffe://example.org/ns/shop/sa/web");

    store.save(target);

    assertThat(store.find("shop")).contains(target);
  }

  @Test
  void savingAnExistingIdReplacesIt() {
    store.save(probe("api", 200));

    boolean created = store.save(probe("api", 503));

    assertThat(created).isFalse();
    assertThat(store.all()).singleElement().extracting(Target::expectedStatus).isEqualTo(503);
  }

  @Test
  void deleteRemovesAndReportsWhetherItExisted() {
    store.save(probe("api", 200));
    store.save(
        new Target(
            "metrics",
            Target.Kind.PROMETHEUS,
            URI.create("http://127.0.0.1:9100/metrics"),
            null,
            0,
            null,
            null,
            null,
            null,
            null));

    assertThat(store.delete("api")).isTrue();
    assertThat(store.delete("api")).isFalse();
    assertThat(store.find("api")).isEmpty();
    assertThat(store.all()).extracting(Target::id).containsExactly("metrics");
  }
}
