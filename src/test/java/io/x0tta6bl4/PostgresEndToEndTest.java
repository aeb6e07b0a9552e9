package io.x0tta6bl4;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.testsupport.PostgresServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The production path: the whole service with {@code SPRING_DATASOURCE_URL} pointing at a real
 * PostgreSQL 15 that the test starts on loopback; Flyway migrates it through Boot and cycles land
 * in it. Skipped, saying why, where the PostgreSQL binaries are absent.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "x0tta6bl4.loop.start-paused=true",
      "x0tta6bl4.monitor.self.data-directory=target/pg-e2e-data"
    })
class PostgresEndToEndTest {

  private static PostgresServer postgres;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @BeforeAll
  static void assumePostgres() {
    // before the context loads, so a machine without PostgreSQL skips instead of failing
    PostgresServer.assumeInstalled();
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    postgres = PostgresServer.start();
    registry.add("spring.datasource.url", postgres::jdbcUrl);
    registry.add("spring.datasource.username", postgres::user);
    registry.add("spring.datasource.password", postgres::password);
  }

  @AfterAll
  static void stop() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void flywayMigratesPostgresAndCyclesRunThroughTheApiLandInIt() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    JsonMapper json = JsonMapper.builder().build();
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> ran =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cycles"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(ran.statusCode()).as(ran.body()).isEqualTo(201);
    }
    HttpResponse<String> listed =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/cycles"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode page = json.readTree(listed.body());

    assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL");
    assertThat(
            jdbc.queryForObject(
                "select count(*) from flyway_schema_history where success", Long.class))
        .isPositive();
    assertThat(page.path("total").asLong()).isEqualTo(2);
    assertThat(page.path("items").get(0).path("observations").asInt()).isEqualTo(12);
    assertThat(jdbc.queryForObject("select count(*) from cycles", Long.class)).isEqualTo(2);
  }
}
