package io.x0tta6bl4.mapek.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.TargetStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSourceTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");

  /** Readings a test sets by hand. */
  private static final class FakeReadings implements SelfReadings {
    long heapUsed = 900;
    long heapMax = 1000;
    long gcMillis;
    long cpuNanos = 1_000_000_000L;
    double load = 1.0;
    HttpTotals http = new HttpTotals(100, 1, 5.0);

    @Override
    public long heapUsedBytes() {
      return heapUsed;
    }

    @Override
    public long heapMaxBytes() {
      return heapMax;
    }

    @Override
    public long gcTimeMillis() {
      return gcMillis;
    }

    @Override
    public int liveThreads() {
      return 30;
    }

    @Override
    public long processCpuNanos() {
      return cpuNanos;
    }

    @Override
    public double systemLoadAverage() {
      return load;
    }

    @Override
    public int availableProcessors() {
      return 2;
    }

    @Override
    public long diskFreeBytes() {
      return 25;
    }

    @Override
    public long diskTotalBytes() {
      return 100;
    }

    @Override
    public HttpTotals httpTotals() {
      return http;
    }
  }

  private final FakeReadings readings = new FakeReadings();
  private final SelfSource source = new SelfSource("self", readings);

  private static Map<String, Double> bySeries(List<Observation> observations) {
    return observations.stream().collect(Collectors.toMap(Observation::series, Observation::value));
  }

  @Test
  void firstCollectionReportsLevelsAndNoDataForRates() {
    Map<String, Double> values = bySeries(source.collect(T0));

    assertThat(values)
        .containsEntry(SelfSource.HEAP_RATIO, 0.9)
        .containsEntry(SelfSource.THREADS, 30.0)
        .containsEntry(SelfSource.LOAD_PER_CPU, 0.5)
        .containsEntry(SelfSource.DISK_FREE_RATIO, 0.25);
    assertThat(values.get(SelfSource.HTTP_RATE)).isNaN();
    assertThat(values.get(SelfSource.GC_RATIO)).isNaN();
    assertThat(values.get(SelfSource.CPU)).isNaN();
    assertThat(values).hasSize(12);
  }

  @Test
  void ratesCoverTheTimeSinceThePreviousCollection() {
    source.collect(T0);
    readings.gcMillis = 500;
    // 5 CPU-seconds over 10 s on 2 CPUs: a quarter of the machine
    readings.cpuNanos += 5_000_000_000L;
    readings.http = new SelfReadings.HttpTotals(300, 21, 25.0);

    Map<String, Double> values = bySeries(source.collect(T0.plusSeconds(10)));

    assertThat(values)
        .containsEntry(SelfSource.GC_RATIO, 0.05)
        .containsEntry(SelfSource.CPU, 0.25)
        .containsEntry(SelfSource.HTTP_RATE, 20.0)
        .containsEntry(SelfSource.HTTP_ERRORS, 0.1)
        .containsEntry(SelfSource.HTTP_LATENCY, 0.1);
  }

  @Test
  void withoutRequestsErrorRatioAndLatencyAreNoDataNotZero() {
    source.collect(T0);

    Map<String, Double> values = bySeries(source.collect(T0.plusSeconds(5)));

    assertThat(values.get(SelfSource.HTTP_RATE)).isZero();
    assertThat(values.get(SelfSource.HTTP_ERRORS)).isNaN();
    assertThat(values.get(SelfSource.HTTP_LATENCY)).isNaN();
  }

  @Test
  void unknownReadingsAreNoData() {
    readings.heapMax = -1;
    readings.cpuNanos = -1;
    readings.load = -1;

    source.collect(T0);
    Map<String, Double> values = bySeries(source.collect(T0.plusSeconds(5)));

    assertThat(values.get(SelfSource.HEAP_RATIO)).isNaN();
    assertThat(values.get(SelfSource.CPU)).isNaN();
    assertThat(values.get(SelfSource.LOAD_PER_CPU)).isNaN();
  }

  @Test
  void realJvmReadingsArePlausible(@TempDir Path dir) {
    SelfSource real = new SelfSource("self", new JvmSelfReadings(null, dir.resolve("not-yet")));

    Map<String, Double> values = bySeries(real.collect(T0));

    assertThat(values.get(SelfSource.HEAP_USED)).isPositive();
    assertThat(values.get(SelfSource.HEAP_RATIO)).isBetween(0.0, 1.0);
    assertThat(values.get(SelfSource.THREADS)).isPositive();
    assertThat(values.get(SelfSource.DISK_FREE_RATIO)).isBetween(0.0, 1.0);
  }

  @Test
  void aFailingSourceMarksItsTargetDownWithTheReasonAndOthersStillReport() {
    MetricSource broken =
        new MetricSource() {
          @Override
          public String target() {
            return "api";
          }

          @Override
          public List<Observation> collect(Instant now) throws Exception {
            throw new java.io.IOException("connection refused");
          }
        };
    SourcesMonitor monitor = new SourcesMonitor(List.of(broken, source), System::nanoTime);

    Snapshot snapshot = monitor.collect(new CycleContext(7, T0, Mode.ACTIVE));

    Map<String, TargetStatus> targets =
        snapshot.targets().stream()
            .collect(Collectors.toMap(TargetStatus::target, Function.identity()));
    assertThat(snapshot.cycleId()).isEqualTo(7);
    assertThat(targets.get("api").up()).isFalse();
    assertThat(targets.get("api").reason()).isEqualTo("IOException: connection refused");
    assertThat(targets.get("self").up()).isTrue();
    assertThat(snapshot.observations()).hasSize(12).allMatch(o -> o.target().equals("self"));
  }
}
