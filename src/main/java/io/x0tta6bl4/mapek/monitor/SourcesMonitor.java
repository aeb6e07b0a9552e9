package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Monitor;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.mapek.Tracing;
import java.io.Closeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every source once per cycle, all at once on a bounded pool of daemon threads ({@code
 * monitor-N}), and reports them in the order the supplier lists them.
 *
 * <p>Each source has its own deadline: its {@link MetricSource#timeout()} (plus {@link
 * SourceRun#GRACE} for a source to report its own timeout) from the moment a thread starts it. A
 * source that misses it is marked down "timed out after 2s" and its thread interrupted, so a hung
 * target delays nobody else, and a cycle lasts at most about ⌈sources / threads⌉ timeouts. A source
 * that throws marks only its own target down with the reason; an {@link Error} is rethrown once the
 * others are collected.
 *
 * <p>A source that ignores the interrupt keeps its thread until it returns, and its target is not
 * collected again meanwhile (it is reported down instead). Should every thread be held that way, a
 * source still waiting for one is given up after its own timeout.
 */
public final class SourcesMonitor implements Monitor, Closeable {

  /** Default for {@code x0tta6bl4.monitor.concurrency}. */
  public static final int DEFAULT_CONCURRENCY = 8;

  private static final Logger log = LoggerFactory.getLogger(SourcesMonitor.class);

  private final Supplier<? extends List<? extends MetricSource>> sources;
  private final int concurrency;
  private final LongSupplier nanoTime;
  private final Tracing tracing;
  private final ThreadPoolExecutor pool;
  private final Map<String, SourceRun> inFlight = new ConcurrentHashMap<>();
  private final AtomicInteger heldThreads = new AtomicInteger();
  private final TargetLog targetLog = new TargetLog(log);

  /** A fixed set of sources on {@link #DEFAULT_CONCURRENCY} threads. */
  public SourcesMonitor(List<? extends MetricSource> sources, LongSupplier nanoTime) {
    this(fixed(sources), DEFAULT_CONCURRENCY, nanoTime);
  }

  /**
   * @param sources asked once per cycle, so the set may change between cycles
   * @param concurrency most sources collected at the same time, at least 1
   * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime}); the deadlines are
   *     waited for in real time
   */
  public SourcesMonitor(
      Supplier<? extends List<? extends MetricSource>> sources,
      int concurrency,
      LongSupplier nanoTime) {
    this(sources, concurrency, nanoTime, Tracing.NONE);
  }

  /**
   * @param tracing the trace context of the collecting thread (the monitor span) follows every
   *     source onto its worker thread, so scrapes and probes are children of the monitor span
   */
  public SourcesMonitor(
      Supplier<? extends List<? extends MetricSource>> sources,
      int concurrency,
      LongSupplier nanoTime,
      Tracing tracing) {
    this.tracing = Objects.requireNonNull(tracing, "tracing");
    this.sources = Objects.requireNonNull(sources, "sources");
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, but was " + concurrency);
    }
    this.concurrency = concurrency;
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.pool =
        new ThreadPoolExecutor(
            concurrency,
            concurrency,
            1,
            TimeUnit.MINUTES,
            new LinkedBlockingQueue<>(),
            monitorThreads());
    pool.allowCoreThreadTimeOut(true);
  }

  private static Supplier<List<MetricSource>> fixed(List<? extends MetricSource> sources) {
    List<MetricSource> copy = List.copyOf(sources);
    return () -> copy;
  }

  private static ThreadFactory monitorThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "monitor-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public Snapshot collect(CycleContext cycle) {
    List<? extends MetricSource> current = List.copyOf(sources.get());
    Semaphore wakeup = new Semaphore(0);
    SourceRun.Listener listener = listener(wakeup);
    List<SourceRun> runs = new ArrayList<>(current.size());
    for (MetricSource source : current) {
      runs.add(start(new SourceRun(source, cycle.startedAt(), nanoTime, listener)));
    }
    awaitAll(runs, wakeup);
    List<Observation> observations = new ArrayList<>();
    List<TargetStatus> targets = new ArrayList<>(runs.size());
    Error error = null;
    for (SourceRun run : runs) {
      observations.addAll(run.observations());
      targets.add(run.status());
      error = error == null ? run.error() : error;
    }
    targetLog.report(targets);
    if (error != null) {
      throw error;
    }
    return new Snapshot(cycle.cycleId(), cycle.startedAt(), observations, targets);
  }

  private SourceRun.Listener listener(Semaphore wakeup) {
    return new SourceRun.Listener() {
      @Override
      public void started() {
        wakeup.release();
      }

      @Override
      public void released(SourceRun run) {
        inFlight.remove(run.target(), run);
      }

      @Override
      public void abandoned() {
        heldThreads.incrementAndGet();
        // look again at once: this may have taken the last thread from the sources still queued
        wakeup.release();
      }

      @Override
      public void finished(boolean abandoned) {
        if (abandoned) {
          heldThreads.decrementAndGet();
        }
        wakeup.release();
      }
    };
  }

  private SourceRun start(SourceRun run) {
    if (inFlight.putIfAbsent(run.target(), run) != null) {
      run.drop("the previous collection of this target is still running");
      return run;
    }
    try {
      run.submitted(pool.submit(tracing.propagating(run)));
    } catch (RejectedExecutionException e) {
      run.drop("the monitor is closed");
    }
    return run;
  }

  /** Waits until every run answered or missed its deadline, waking on each start and end. */
  private void awaitAll(List<SourceRun> runs, Semaphore wakeup) {
    boolean starved = false;
    long starvedSince = 0;
    while (true) {
      long now = nanoTime.getAsLong();
      if (heldThreads.get() < concurrency) {
        starved = false;
      } else if (!starved) {
        starved = true;
        starvedSince = now;
      }
      long wait = Long.MAX_VALUE;
      boolean pending = false;
      for (SourceRun run : runs) {
        long left = run.advance(now, starved ? starvedSince : null, concurrency);
        if (left > 0) {
          pending = true;
          wait = Math.min(wait, left);
        }
      }
      if (!pending) {
        return;
      }
      try {
        wakeup.tryAcquire(wait, TimeUnit.NANOSECONDS);
        wakeup.drainPermits();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        long at = nanoTime.getAsLong();
        runs.forEach(run -> run.abandon("the monitor was interrupted", at));
        return;
      }
    }
  }

  /** Stops the threads, interrupting any source still running; later collections mark all down. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
