package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStore;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Targets in the {@code targets} table (migrations {@code V2__targets.sql}, {@code
 * V4__target_spiffe_id.sql}).
 */
public final class JdbcTargetStore implements TargetStore {

  private static final String COLUMNS =
      "id, kind, url, timeout_seconds, expected_status, json_pointer, expected_json_value,"
          + " target_group, labels, spiffe_id";
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  public JdbcTargetStore(JdbcTemplate jdbc, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public List<Target> all() {
    return jdbc.query("select " + COLUMNS + " from targets order by id", this::target);
  }

  @Override
  public Optional<Target> find(String id) {
    return jdbc.query("select " + COLUMNS + " from targets where id = ?", this::target, id).stream()
        .findFirst();
  }

  @Override
  public boolean save(Target target) {
    return Boolean.TRUE.equals(
        tx.execute(
            status -> {
              boolean existed = delete(target.id());
              jdbc.update(
                  "insert into targets ("
                      + COLUMNS
                      + ", updated_at)"
                      + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  target.id(),
                  target.kind().name(),
                  target.url() == null ? null : target.url().toString(),
                  target.timeout().toNanos() / 1e9,
                  target.expectedStatus(),
                  target.jsonPointer(),
                  target.expectedJsonValue(),
                  target.group(),
                  json.writeValueAsString(new TreeMap<>(target.labels())),
                  target.spiffeId(),
                  OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
              return !existed;
            }));
  }

  @Override
  public boolean delete(String id) {
    return jdbc.update("delete from targets where id = ?", id) > 0;
  }

  private Target target(ResultSet rs, int row) throws SQLException {
    String url = rs.getString("url");
    return new Target(
        rs.getString("id"),
        Target.Kind.valueOf(rs.getString("kind")),
        url == null ? null : URI.create(url),
        Duration.ofNanos(Math.round(rs.getDouble("timeout_seconds") * 1e9)),
        rs.getInt("expected_status"),
        rs.getString("json_pointer"),
        rs.getString("expected_json_value"),
        rs.getString("target_group"),
        json.readValue(rs.getString("labels"), LABELS),
        rs.getString("spiffe_id"));
  }
}
