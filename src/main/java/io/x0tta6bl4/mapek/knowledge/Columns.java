package io.x0tta6bl4.mapek.knowledge;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversions between the records and their columns, identical on H2 and PostgreSQL: instants as
 * UTC {@code timestamp with time zone} at microsecond precision (what both databases keep),
 * durations as seconds, action parameters as a JSON object, recent values as a comma-separated
 * list.
 */
final class Columns {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> PARAMS = new TypeReference<>() {};
  private static final long NANOS_PER_MICRO = 1_000;

  private Columns() {}

  /** The instant as stored: truncated to microseconds, so that it reads back equal. */
  static OffsetDateTime timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  /**
   * The first stored timestamp not before {@code instant}: comparing a stored value with it gives
   * the same answer as comparing with {@code instant} itself.
   */
  static OffsetDateTime timestampCeiling(Instant instant) {
    Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
    if (instant.getNano() % NANOS_PER_MICRO != 0) {
      micros = micros.plus(1, ChronoUnit.MICROS);
    }
    return micros.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static void setInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, timestamp(value));
    }
  }

  static Double seconds(Duration duration) {
    return duration == null ? null : duration.getSeconds() + duration.getNano() / 1e9;
  }

  static Duration duration(double seconds) {
    long whole = (long) Math.floor(seconds);
    return Duration.ofSeconds(whole, Math.round((seconds - whole) * 1e9));
  }

  static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  static Double nullableDouble(ResultSet rs, String column) throws SQLException {
    double value = rs.getDouble(column);
    return rs.wasNull() ? null : value;
  }

  static String params(Map<String, String> params) {
    return JSON.writeValueAsString(new TreeMap<>(params));
  }

  static Map<String, String> params(String json) {
    return JSON.readValue(json, PARAMS);
  }

  /** {@link Double#toString} round-trips every value exactly, NaN and infinities included. */
  static String recent(List<Double> values) {
    StringBuilder out = new StringBuilder();
    for (Double value : values) {
      out.append(out.isEmpty() ? "" : ",").append(value);
    }
    return out.toString();
  }

  static List<Double> recent(String text) {
    List<Double> values = new ArrayList<>();
    if (!text.isEmpty()) {
      for (String value : text.split(",")) {
        values.add(Double.valueOf(value));
      }
    }
    return values;
  }
}
