package io.x0tta6bl4.mapek.monitor;

/**
 * Raw readings of the controller's own process, cumulative where the JVM counts cumulatively. The
 * {@link SelfSource} turns them into series (ratios and rates between two cycles).
 */
public interface SelfReadings {

  long heapUsedBytes();

  /** Maximum heap; -1 when the JVM sets none. */
  long heapMaxBytes();

  /** Total time the JVM spent in garbage collection since it started, in milliseconds. */
  long gcTimeMillis();

  int liveThreads();

  /** CPU time this process used since it started, in nanoseconds; negative when unknown. */
  long processCpuNanos();

  /** One-minute system load average; negative when unknown. */
  double systemLoadAverage();

  int availableProcessors();

  long diskFreeBytes();

  long diskTotalBytes();

  /** HTTP requests served since start, all outcomes, and the 5xx ones, and their total time. */
  HttpTotals httpTotals();

  record HttpTotals(long requests, long serverErrors, double totalSeconds) {
    public static final HttpTotals NONE = new HttpTotals(0, 0, 0);
  }
}
