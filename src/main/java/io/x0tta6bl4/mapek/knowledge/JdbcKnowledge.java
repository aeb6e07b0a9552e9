package io.x0tta6bl4.mapek.knowledge;

import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Knowledge in a relational database (H2 or PostgreSQL, schema by the Flyway migration {@code
 * V1__knowledge.sql}). {@link #record} writes a cycle atomically in a handful of round trips and
 * ignores a cycle it already holds. Lists are newest first, by cycle id; pages need {@code page >=
 * 0} and {@code 1 <= size <=} {@value #MAX_PAGE_SIZE}, else they throw {@link
 * IllegalArgumentException}. Reads that take several queries see one snapshot of the store.
 * Instants read back equal to what was written, truncated to microseconds. Thread-safe.
 */
public final class JdbcKnowledge implements Knowledge {

  /** Largest page a caller may ask for. */
  public static final int MAX_PAGE_SIZE = PageQuery.MAX_SIZE;

  private static final Logger log = LoggerFactory.getLogger(JdbcKnowledge.class);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final TransactionTemplate snapshot;
  private final CycleWriter writer;
  private final KnowledgeQueries queries;
  private final IncidentQueries incidentQueries;
  private final Duration retention;

  /**
   * @param tx transactions on the same data source as {@code jdbc}
   * @param retention how long cycles are kept; reported by {@link #stats()}
   */
  public JdbcKnowledge(JdbcTemplate jdbc, TransactionTemplate tx, Duration retention) {
    this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
    this.tx = Objects.requireNonNull(tx, "tx");
    this.retention = Objects.requireNonNull(retention, "retention");
    this.snapshot = new TransactionTemplate(tx.getTransactionManager());
    // A prune between the queries of one read must not leave a cycle half there.
    snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    snapshot.setReadOnly(true);
    this.writer = new CycleWriter(jdbc);
    this.queries = new KnowledgeQueries(jdbc);
    this.incidentQueries = new IncidentQueries(jdbc);
  }

  /** Over a data source of its own, with a transaction manager of its own. */
  public JdbcKnowledge(DataSource dataSource, Duration retention) {
    this(
        new JdbcTemplate(dataSource),
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
        retention);
  }

  @Override
  public long lastCycleId() {
    // Ids of pruned cycles count too, so numbering never restarts after a prune emptied the store.
    Long id =
        jdbc.queryForObject(
            "select greatest(coalesce((select max(id) from cycles), 0),"
                + " (select last_pruned_cycle_id from knowledge_watermark where id = 1))",
            Long.class);
    return id == null ? 0 : id;
  }

  @Override
  public void record(CycleReport report) {
    Boolean stored = tx.execute(status -> writer.write(report));
    if (!Boolean.TRUE.equals(stored)) {
      log.warn("Cycle {} was already recorded; this record of it is ignored", report.id());
    }
  }

  @Override
  public Page<CycleSummary> cycles(int page, int size) {
    PageQuery.check(page, size);
    return snapshot.execute(status -> queries.cycles(page, size));
  }

  @Override
  public Optional<CycleDetail> cycle(long id) {
    return snapshot.execute(status -> queries.cycle(id));
  }

  @Override
  public Page<AnomalyRecord> anomalies(String target, String symptom, int page, int size) {
    return new PageQuery<>(jdbc, "anomalies", Rows.ANOMALIES, "cycle_id desc, seq", Rows::anomaly)
        .where("target", target)
        .where("symptom", symptom)
        .fetch(page, size);
  }

  @Override
  public Page<ActionRecord> actions(OutcomeStatus status, int page, int size) {
    return new PageQuery<>(jdbc, "actions", Rows.ACTIONS, "cycle_id desc, seq", Rows::action)
        .where("status", status == null ? null : status.name())
        .fetch(page, size);
  }

  @Override
  public Optional<ActionRecord> action(String id) {
    return jdbc.query(Rows.ACTIONS + " where id = ?", Rows::action, id).stream().findFirst();
  }

  @Override
  public List<SuccessRate> successRates() {
    return queries.successRates();
  }

  @Override
  public Page<IncidentSummary> incidents(IncidentState state, String target, int page, int size) {
    return snapshot.execute(status -> incidentQueries.incidents(state, target, page, size));
  }

  @Override
  public Optional<IncidentDetail> incident(String id) {
    return snapshot.execute(status -> incidentQueries.incident(id));
  }

  @Override
  public boolean completeAwaiting(String actionId, Outcome outcome) {
    return jdbc.update(
            "update actions set status = ?, outcome_started_at = ?, duration_seconds = ?,"
                + " attempts = ?, message = ? where id = ? and status = 'AWAITING_APPROVAL'",
            outcome.status().name(),
            Columns.timestamp(outcome.startedAt()),
            Columns.seconds(outcome.duration()),
            outcome.attempts(),
            outcome.message(),
            actionId)
        > 0;
  }

  @Override
  public List<OpenIncident> openIncidents() {
    return snapshot.execute(status -> incidentQueries.open());
  }

  @Override
  public List<ActionRecord> actionsSince(Instant since) {
    return jdbc.query(
        Rows.ACTIONS
            + " where planned_at >= ? and status in ('SUCCEEDED', 'FAILED')"
            + " order by cycle_id, seq",
        Rows::action,
        Columns.timestamp(since));
  }

  @Override
  public Stats stats() {
    return snapshot.execute(status -> queries.stats(retention));
  }

  @Override
  public int prune(Instant cutoff) {
    Object before = Columns.timestampCeiling(cutoff);
    Integer deleted =
        tx.execute(
            status -> {
              jdbc.update(
                  "update knowledge_watermark set last_pruned_cycle_id = greatest("
                      + "last_pruned_cycle_id, coalesce((select max(id) from cycles"
                      + " where started_at < ?), 0)) where id = 1",
                  before);
              int cycles = jdbc.update("delete from cycles where started_at < ?", before);
              // a closed incident whose whole timeline was pruned goes with it
              jdbc.update(
                  "delete from incidents where closed_at is not null and not exists"
                      + " (select 1 from incident_events e where e.incident_id = incidents.id)");
              return cycles;
            });
    return deleted == null ? 0 : deleted;
  }

  @Override
  public boolean reachable() {
    try {
      // A table of ours rather than "select 1": a database without the schema is not ready either.
      jdbc.queryForObject("select count(*) from knowledge_watermark", Long.class);
      return true;
    } catch (RuntimeException e) {
      log.debug("Knowledge store is not reachable", e);
      return false;
    }
  }
}
