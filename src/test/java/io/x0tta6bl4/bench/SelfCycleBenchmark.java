package io.x0tta6bl4.bench;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.LoopMetrics;
import io.x0tta6bl4.mapek.MapeKLoop;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.analyze.DetectingAnalyzer;
import io.x0tta6bl4.mapek.execute.HandlerExecutor;
import io.x0tta6bl4.mapek.execute.LogActionHandler;
import io.x0tta6bl4.mapek.monitor.JvmSelfReadings;
import io.x0tta6bl4.mapek.monitor.SelfSource;
import io.x0tta6bl4.mapek.monitor.SourcesMonitor;
import io.x0tta6bl4.mapek.plan.PolicyPlanner;
import io.x0tta6bl4.testsupport.InMemoryKnowledge;
import io.x0tta6bl4.testsupport.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One cycle of the controller watching itself, with the default detectors and policies.
 *
 * <ul>
 *   <li>{@code compute}: Analyze + Plan + Execute of a self snapshot (the decision work of a
 *       cycle);
 *   <li>{@code collect}: the Monitor reading the JVM (management beans, /proc, statfs);
 *   <li>{@code fullCycle}: {@code MapeKLoop.runOnce()} — all four phases, Knowledge not included
 *       (its write is {@link KnowledgeWriteBenchmark}); its clock moves 5 s per cycle, as at the
 *       default interval, so rates are computed over realistic spans.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SelfCycleBenchmark {

  private SourcesMonitor monitor;
  private DetectingAnalyzer analyzer;
  private PolicyPlanner planner;
  private HandlerExecutor executor;
  private MapeKLoop loop;
  private final MutableClock loopClock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private Snapshot snapshot;
  private Instant now;
  private long cycle;

  @Setup(Level.Trial)
  public void setUp() {
    SelfSource self = new SelfSource("self", new JvmSelfReadings(null, Path.of("target")));
    monitor = new SourcesMonitor(List.of(self), System::nanoTime);
    analyzer = Fixtures.defaultAnalyzer();
    planner = Fixtures.defaultPlanner();
    executor =
        new HandlerExecutor(
            List.of(new LogActionHandler()), Duration.ofSeconds(10), 4, Clock.systemUTC());
    InMemoryKnowledge none = new InMemoryKnowledge(0);
    none.discardWrites = true;
    DetectingAnalyzer loopAnalyzer = Fixtures.defaultAnalyzer();
    loop =
        new MapeKLoop(
            new MapeKLoop.Phases(monitor, loopAnalyzer, Fixtures.defaultPlanner(), executor, none),
            LoopMetrics.NONE,
            loopClock,
            System::nanoTime,
            new MapeKLoop.Settings(Duration.ofSeconds(5), Mode.ACTIVE, true));
    now = Instant.parse("2026-11-24T08:00:00Z");
    // a realistic snapshot: rates need a previous collection
    monitor.collect(new CycleContext(1, now, Mode.ACTIVE));
    snapshot = monitor.collect(new CycleContext(2, now.plusSeconds(5), Mode.ACTIVE));
    cycle = 2;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    loop.close();
    executor.close();
  }

  @Benchmark
  public List<Outcome> compute() {
    now = now.plusSeconds(5);
    CycleContext context = new CycleContext(++cycle, now, Mode.ACTIVE);
    Snapshot current = new Snapshot(cycle, now, snapshot.observations(), snapshot.targets());
    List<Anomaly> anomalies = analyzer.analyze(current);
    Plan plan = planner.plan(context, anomalies);
    return executor.execute(context, plan);
  }

  @Benchmark
  public Snapshot collect() {
    now = now.plusSeconds(5);
    return monitor.collect(new CycleContext(++cycle, now, Mode.ACTIVE));
  }

  @Benchmark
  public CycleReport fullCycle() {
    loopClock.advance(Duration.ofSeconds(5));
    return loop.runOnce();
  }
}
