package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Monitor;
import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.TargetStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects every source once per cycle. A source that throws marks its target down with the reason
 * and never fails the cycle.
 */
public final class SourcesMonitor implements Monitor {

  private static final Logger log = LoggerFactory.getLogger(SourcesMonitor.class);

  private final List<MetricSource> sources;
  private final LongSupplier nanoTime;

  public SourcesMonitor(List<MetricSource> sources, LongSupplier nanoTime) {
    this.sources = List.copyOf(sources);
    this.nanoTime = nanoTime;
  }

  @Override
  public Snapshot collect(CycleContext cycle) {
    List<Observation> observations = new ArrayList<>();
    List<TargetStatus> targets = new ArrayList<>(sources.size());
    for (MetricSource source : sources) {
      long began = nanoTime.getAsLong();
      try {
        observations.addAll(source.collect(cycle.startedAt()));
        targets.add(new TargetStatus(source.target(), true, "", elapsed(began)));
      } catch (Exception e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        log.warn("target {} is down: {}", source.target(), reason);
        targets.add(new TargetStatus(source.target(), false, reason, elapsed(began)));
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return new Snapshot(cycle.cycleId(), cycle.startedAt(), observations, targets);
  }

  private Duration elapsed(long began) {
    return Duration.ofNanos(nanoTime.getAsLong() - began);
  }
}
