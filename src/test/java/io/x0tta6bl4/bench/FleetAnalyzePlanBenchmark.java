package io.x0tta6bl4.bench;

import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.mapek.analyze.DetectingAnalyzer;
import io.x0tta6bl4.mapek.plan.PolicyPlanner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Analyze + Plan over a fleet: {@code targets} targets × 20 series, each with one label, the
 * default threshold rules and the adaptive detector on every series. Values are noisy around a
 * per-series level; 1 % of the targets run hot (heap above 0.9), so the planner has problems to
 * plan for and the guards have work to do. 16 pre-built observation sets rotate, so detectors see
 * changing values.
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FleetAnalyzePlanBenchmark {

  private static final int SERIES = 20;
  private static final int ROUNDS = 16;

  @Param("1000")
  public int targets;

  /** The {@code anomaly} detector: {@code adaptive.method} streaming (the default) or ewma. */
  @Param({"streaming", "ewma"})
  public String method;

  private final List<List<Observation>> rounds = new ArrayList<>();
  private List<TargetStatus> statuses;
  private DetectingAnalyzer analyzer;
  private PolicyPlanner planner;
  private Instant now;
  private long cycle;

  @Setup(Level.Trial)
  public void setUp() {
    analyzer = Fixtures.defaultAnalyzer(method);
    planner = Fixtures.defaultPlanner();
    SplittableRandom random = new SplittableRandom(42);
    String[] names = seriesNames();
    for (int r = 0; r < ROUNDS; r++) {
      List<Observation> observations = new ArrayList<>(targets * SERIES);
      for (int t = 0; t < targets; t++) {
        String target = "svc-" + t;
        boolean hot = t % 100 == 0;
        for (int s = 0; s < SERIES; s++) {
          double level = s == 0 ? (hot ? 0.95 : 0.5) : 10 + s;
          double value = level * (1 + random.nextGaussian() * 0.01);
          observations.add(
              new Observation(target, names[s], Map.of("instance", target + ":8080"), value));
        }
      }
      rounds.add(observations);
    }
    statuses = new ArrayList<>();
    for (int t = 0; t < targets; t++) {
      statuses.add(new TargetStatus("svc-" + t, true, "", Duration.ZERO));
    }
    now = Instant.parse("2026-11-24T08:00:00Z");
    // past the adaptive warm-up and the thresholds' for-durations, as in a running controller
    for (int i = 0; i < 40; i++) {
      analyzeAndPlan();
    }
  }

  @Benchmark
  public Plan analyzeAndPlan() {
    now = now.plusSeconds(5);
    cycle++;
    Snapshot snapshot = new Snapshot(cycle, now, rounds.get((int) (cycle % ROUNDS)), statuses);
    CycleContext context = new CycleContext(cycle, now, Mode.ACTIVE);
    return planner.plan(context, analyzer.analyze(snapshot));
  }

  private static String[] seriesNames() {
    String[] names = new String[SERIES];
    names[0] = "jvm_heap_used_ratio";
    for (int s = 1; s < SERIES; s++) {
      names[s] = "app_metric_" + s;
    }
    return names;
  }
}
