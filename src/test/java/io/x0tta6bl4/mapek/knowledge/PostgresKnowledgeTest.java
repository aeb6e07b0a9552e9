package io.x0tta6bl4.mapek.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.x0tta6bl4.testsupport.PostgresServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The Knowledge contract on a real PostgreSQL (the newest installed server, started on 127.0.0.1
 * once for the class); skipped when PostgreSQL is not installed.
 */
class PostgresKnowledgeTest extends KnowledgeContractTest {

  private static PostgresServer server;
  private static HikariDataSource dataSource;

  @BeforeAll
  static void startPostgres() {
    server = PostgresServer.start();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(4);
    dataSource = new HikariDataSource(config);
  }

  @AfterAll
  static void stopPostgres() {
    if (dataSource != null) {
      dataSource.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  protected DataSource dataSource() {
    return dataSource;
  }

  @Test
  void unreachableWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    DataSource nowhere =
        new DriverManagerDataSource(
            "jdbc:postgresql://127.0.0.1:" + port + "/x0tta6bl4", server.user(), "");

    assertThat(new JdbcKnowledge(nowhere, RETENTION).reachable()).isFalse();
  }
}
