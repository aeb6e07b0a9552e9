package io.x0tta6bl4.mapek.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.File;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the controller's own process from the JVM's management beans, and its HTTP traffic from the
 * {@code http.server.requests} timers that Spring MVC records in the Micrometer registry.
 */
public final class JvmSelfReadings implements SelfReadings {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final List<GarbageCollectorMXBean> collectors =
      ManagementFactory.getGarbageCollectorMXBeans();
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
  private final MeterRegistry registry;
  private final File dataDirectory;

  /**
   * @param registry where Spring records HTTP request timers; null when there is none
   * @param dataDirectory the directory whose file system's free space is watched; the nearest
   *     existing ancestor is used while it does not exist yet
   */
  public JvmSelfReadings(MeterRegistry registry, Path dataDirectory) {
    this.registry = registry;
    this.dataDirectory = existingAncestor(dataDirectory.toAbsolutePath());
  }

  @Override
  public long heapUsedBytes() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Override
  public long heapMaxBytes() {
    return memory.getHeapMemoryUsage().getMax();
  }

  @Override
  public long gcTimeMillis() {
    long total = 0;
    for (GarbageCollectorMXBean collector : collectors) {
      total += Math.max(0, collector.getCollectionTime());
    }
    return total;
  }

  @Override
  public int liveThreads() {
    return threads.getThreadCount();
  }

  // the cumulative CPU time costs under a microsecond to read; getProcessCpuLoad() re-reads the
  // cgroup files on every call (about 65 µs here) and covers an unspecified window
  @Override
  public long processCpuNanos() {
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return hotspot.getProcessCpuTime();
    }
    return -1;
  }

  @Override
  public double systemLoadAverage() {
    return os.getSystemLoadAverage();
  }

  @Override
  public int availableProcessors() {
    return os.getAvailableProcessors();
  }

  @Override
  public long diskFreeBytes() {
    return dataDirectory.getUsableSpace();
  }

  @Override
  public long diskTotalBytes() {
    return dataDirectory.getTotalSpace();
  }

  @Override
  public HttpTotals httpTotals() {
    if (registry == null) {
      return HttpTotals.NONE;
    }
    long requests = 0;
    long errors = 0;
    double seconds = 0;
    for (Timer timer : registry.find("http.server.requests").timers()) {
      long count = timer.count();
      requests += count;
      seconds += timer.totalTime(java.util.concurrent.TimeUnit.SECONDS);
      if ("SERVER_ERROR".equals(timer.getId().getTag("outcome"))) {
        errors += count;
      }
    }
    return new HttpTotals(requests, errors, seconds);
  }

  private static File existingAncestor(Path path) {
    Path candidate = path;
    while (candidate != null && !candidate.toFile().exists()) {
      candidate = candidate.getParent();
    }
    return candidate == null ? new File("/") : candidate.toFile();
  }
}
