package io.x0tta6bl4.bench;

import io.x0tta6bl4.mapek.analyze.stream.StreamModel;
import io.x0tta6bl4.mapek.analyze.stream.StreamSettings;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scoring speed of the streaming detector's model, per point, on one thread. Each invocation scores
 * {@value #BATCH} points of a noisy daily-like wave with spikes and level shifts (precomputed, so
 * only scoring is timed):
 *
 * <ul>
 *   <li>{@code oneSeries}: all points to one series, whose tables stay in the CPU cache;
 *   <li>{@code manySeries}: each point to the next of 10,000 series in turn (about 50 MB of model
 *       state), as when the Analyzer scores a large fleet; every point misses the cache.
 * </ul>
 *
 * Points per second = 10^9 / (median ns per point).
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StreamModelBenchmark {

  static final int BATCH = 4096;
  private static final int SERIES = 10_000;

  private final double[] points = new double[1 << 16];
  private StreamModel one;
  private StreamModel[] many;
  private int next;
  private int nextSeries;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom random = new SplittableRandom(1);
    double shift = 0;
    for (int i = 0; i < points.length; i++) {
      if (random.nextInt(5_000) == 0) {
        shift = random.nextDouble(-20, 20);
      }
      double spike = random.nextInt(2_000) == 0 ? 80 : 0;
      points[i] =
          100 + shift + 30 * Math.sin(2 * Math.PI * i / 288) + 3 * random.nextGaussian() + spike;
    }
    StreamSettings settings = StreamSettings.defaults();
    one = new StreamModel(settings);
    many = new StreamModel[SERIES];
    for (int s = 0; s < SERIES; s++) {
      many[s] = new StreamModel(settings);
    }
    // past the warm-up, so the timed points take the full path
    for (int i = 0; i < 2 * settings.warmupSamples(); i++) {
      one.score(points[i]);
      for (int s = 0; s < SERIES; s++) {
        many[s].score(points[(i + 7 * s) & (points.length - 1)]);
      }
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double oneSeries() {
    double sum = 0;
    int mask = points.length - 1;
    for (int i = 0; i < BATCH; i++) {
      sum += one.score(points[next++ & mask]);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public double manySeries() {
    double sum = 0;
    int mask = points.length - 1;
    for (int i = 0; i < BATCH; i++) {
      StreamModel model = many[nextSeries];
      nextSeries = nextSeries + 1 == SERIES ? 0 : nextSeries + 1;
      sum += model.score(points[next++ & mask]);
    }
    return sum;
  }
}
