package io.x0tta6bl4.bench;

import static io.x0tta6bl4.testsupport.Anomalies.anomaly;

import com.zaxxer.hikari.HikariDataSource;
import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Phase;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.mapek.knowledge.JdbcKnowledge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Knowledge write of one cycle on the default embedded store (an H2 file database, as under
 * {@code ./data}): a quiet self cycle (12 observations, nothing found), and a busy one (one
 * anomaly, one action with its outcome).
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KnowledgeWriteBenchmark {

  @Param({"quiet", "busy"})
  public String cycle;

  private JdbcKnowledge knowledge;
  private Instant now = Instant.parse("2026-11-24T08:00:00Z");
  private long id;
  private List<Observation> observations;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Path dir = Files.createTempDirectory("x0-bench");
    // pooled, as in the application: an unpooled H2 file database reopens itself on every
    // connection
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setMaximumPoolSize(2);
    dataSource.setJdbcUrl(
        "jdbc:h2:file:"
            + dir.resolve("x0tta6bl4")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    dataSource.setUsername("x0");
    Flyway.configure().dataSource(dataSource).load().migrate();
    knowledge = new JdbcKnowledge(dataSource, Duration.ofDays(7));
    observations = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      observations.add(new Observation("self", "series_" + i, i));
    }
  }

  @Benchmark
  public void record() {
    knowledge.record(report("busy".equals(cycle)));
  }

  private CycleReport report(boolean busy) {
    now = now.plusSeconds(5);
    id++;
    CycleContext context = new CycleContext(id, now, Mode.ACTIVE);
    Snapshot snapshot =
        new Snapshot(
            id, now, observations, List.of(new TargetStatus("self", true, "", Duration.ZERO)));
    Map<Phase, Duration> timings =
        Map.of(Phase.MONITOR, Duration.ofNanos(20_000), Phase.ANALYZE, Duration.ofNanos(2_000));
    if (!busy) {
      return new CycleReport(
          context, timings, snapshot, List.of(), Plan.empty(id, Mode.ACTIVE), List.of(), List.of());
    }
    Action gc =
        new Action(
            id + "-1", "gc", "self", Map.of(), "relieve-memory", 0, "memory_pressure", "heap high");
    Plan plan = new Plan(id, Mode.ACTIVE, List.of(gc), List.of());
    Outcome outcome =
        new Outcome(
            gc.id(),
            OutcomeStatus.SUCCEEDED,
            now,
            Duration.ofMillis(30),
            1,
            "heap used 812 MiB -> 301 MiB");
    return new CycleReport(
        context,
        timings,
        snapshot,
        List.of(anomaly("self", "memory_pressure")),
        plan,
        List.of(outcome),
        List.of());
  }
}
