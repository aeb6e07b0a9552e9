package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.Knowledge.Page;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * One page of a table's rows with their total, filtered by equality on the columns given a value (a
 * null value means no filter). Column and table names are constants of this package, never caller
 * input; values are always bound.
 */
final class PageQuery<T> {

  /** Largest page a caller may ask for. */
  static final int MAX_SIZE = 500;

  private final JdbcTemplate jdbc;
  private final String table;
  private final String select;
  private final String order;
  private final RowMapper<T> mapper;
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> args = new ArrayList<>();

  /**
   * @param select the select of the rows, without where clause
   * @param order the order by clause, without "order by"
   */
  PageQuery(JdbcTemplate jdbc, String table, String select, String order, RowMapper<T> mapper) {
    this.jdbc = jdbc;
    this.table = table;
    this.select = select;
    this.order = order;
    this.mapper = mapper;
  }

  PageQuery<T> where(String column, Object value) {
    if (value != null) {
      conditions.add(column + " = ?");
      args.add(value);
    }
    return this;
  }

  /**
   * @throws IllegalArgumentException when {@code page} is negative or {@code size} is not between 1
   *     and {@value #MAX_SIZE}
   */
  Page<T> fetch(int page, int size) {
    check(page, size);
    String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    Long total =
        jdbc.queryForObject("select count(*) from " + table + where, Long.class, args.toArray());
    List<Object> pageArgs = new ArrayList<>(args);
    pageArgs.add(size);
    pageArgs.add((long) page * size);
    List<T> items =
        jdbc.query(
            select + where + " order by " + order + " limit ? offset ?",
            mapper,
            pageArgs.toArray());
    return new Page<>(items, page, size, total == null ? 0 : total);
  }

  static void check(int page, int size) {
    if (page < 0) {
      throw new IllegalArgumentException("page must be >= 0, but was " + page);
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and " + MAX_SIZE + ", but was " + size);
    }
  }
}
