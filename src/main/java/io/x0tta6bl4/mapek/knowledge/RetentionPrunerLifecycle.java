package io.x0tta6bl4.mapek.knowledge;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the pruner on a daemon thread named {@code knowledge-pruner}: once right after start (the
 * controller may have been down for longer than the retention), then every interval, measured from
 * the end of one run to the start of the next. Stopped with the application context.
 */
final class RetentionPrunerLifecycle implements SmartLifecycle {

  static final String THREAD_NAME = "knowledge-pruner";

  private static final Logger log = LoggerFactory.getLogger(RetentionPrunerLifecycle.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private final Runnable pruner;
  private final Duration interval;
  private ScheduledExecutorService scheduler;

  /**
   * @param pruner must not throw (a task that throws is never run again)
   */
  RetentionPrunerLifecycle(Runnable pruner, Duration interval) {
    this.pruner = pruner;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
    scheduler.scheduleWithFixedDelay(pruner, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    log.info("Knowledge pruning scheduled every {}", interval);
  }

  @Override
  public synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Knowledge pruner did not stop within {}", STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
