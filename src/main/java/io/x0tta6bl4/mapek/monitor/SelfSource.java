package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Observes the controller itself: memory, GC, threads, CPU, load, free disk of the data directory,
 * and its own HTTP request rate, error ratio and latency. Rates and ratios cover the time since the
 * previous collection; where there is no previous collection, or no request in between, they are
 * NaN ("no data"), which detectors skip rather than mistake for zero.
 */
public final class SelfSource implements MetricSource {

  /** Series names this source produces. */
  public static final String HEAP_USED = "jvm_heap_used_bytes";

  public static final String HEAP_MAX = "jvm_heap_max_bytes";
  public static final String HEAP_RATIO = "jvm_heap_used_ratio";
  public static final String GC_RATIO = "jvm_gc_time_ratio";
  public static final String THREADS = "jvm_threads_live";
  public static final String CPU = "process_cpu_usage";
  public static final String LOAD_PER_CPU = "system_load_per_cpu";
  public static final String DISK_FREE = "disk_free_bytes";
  public static final String DISK_FREE_RATIO = "disk_free_ratio";
  public static final String HTTP_RATE = "http_requests_per_second";
  public static final String HTTP_ERRORS = "http_server_error_ratio";
  public static final String HTTP_LATENCY = "http_latency_mean_seconds";

  private final String target;
  private final SelfReadings readings;
  private Instant previousAt;
  private long previousGcMillis;
  private long previousCpuNanos;
  private SelfReadings.HttpTotals previousHttp;

  public SelfSource(String target, SelfReadings readings) {
    this.target = target;
    this.readings = readings;
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public synchronized List<Observation> collect(Instant now) {
    List<Observation> out = new ArrayList<>(12);
    long used = readings.heapUsedBytes();
    long max = readings.heapMaxBytes();
    add(out, HEAP_USED, used);
    add(out, HEAP_MAX, max);
    add(out, HEAP_RATIO, max > 0 ? (double) used / max : Double.NaN);
    add(out, THREADS, readings.liveThreads());
    double load = readings.systemLoadAverage();
    add(out, LOAD_PER_CPU, load < 0 ? Double.NaN : load / readings.availableProcessors());
    long free = readings.diskFreeBytes();
    long total = readings.diskTotalBytes();
    add(out, DISK_FREE, free);
    add(out, DISK_FREE_RATIO, total > 0 ? (double) free / total : Double.NaN);
    addRates(out, now);
    return out;
  }

  private void addRates(List<Observation> out, Instant now) {
    long gcMillis = readings.gcTimeMillis();
    long cpuNanos = readings.processCpuNanos();
    SelfReadings.HttpTotals http = readings.httpTotals();
    double seconds =
        previousAt == null ? 0 : Duration.between(previousAt, now).toNanos() / 1_000_000_000.0;
    if (seconds > 0) {
      add(out, GC_RATIO, Math.min(1.0, (gcMillis - previousGcMillis) / 1000.0 / seconds));
      add(out, CPU, cpuUsage(cpuNanos, seconds));
      long requests = http.requests() - previousHttp.requests();
      add(out, HTTP_RATE, requests / seconds);
      add(out, HTTP_ERRORS, ratio(http.serverErrors() - previousHttp.serverErrors(), requests));
      add(out, HTTP_LATENCY, ratio(http.totalSeconds() - previousHttp.totalSeconds(), requests));
    } else {
      add(out, GC_RATIO, Double.NaN);
      add(out, CPU, Double.NaN);
      add(out, HTTP_RATE, Double.NaN);
      add(out, HTTP_ERRORS, Double.NaN);
      add(out, HTTP_LATENCY, Double.NaN);
    }
    previousAt = now;
    previousGcMillis = gcMillis;
    previousCpuNanos = cpuNanos;
    previousHttp = http;
  }

  /** Share of all the machine's CPUs the process used between two collections, 0..1. */
  private double cpuUsage(long cpuNanos, double seconds) {
    if (cpuNanos < 0 || previousCpuNanos < 0) {
      return Double.NaN;
    }
    double used = (cpuNanos - previousCpuNanos) / 1e9 / seconds / readings.availableProcessors();
    return Math.min(1.0, Math.max(0.0, used));
  }

  private void add(List<Observation> out, String series, double value) {
    out.add(new Observation(target, series, value));
  }

  private static double ratio(double part, long whole) {
    return whole > 0 ? part / whole : Double.NaN;
  }
}
