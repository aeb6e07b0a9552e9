package io.x0tta6bl4.testsupport;

import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.OutcomeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps recorded cycles in a list; the query side is not needed by the tests that use it. */
public final class InMemoryKnowledge implements Knowledge {

  public final List<CycleReport> recorded = new CopyOnWriteArrayList<>();
  private final long lastCycleId;
  public volatile boolean failWrites;

  /** When set, writes succeed but keep nothing (for benchmarks that must not grow the heap). */
  public volatile boolean discardWrites;

  public InMemoryKnowledge(long lastCycleId) {
    this.lastCycleId = lastCycleId;
  }

  @Override
  public long lastCycleId() {
    return lastCycleId;
  }

  @Override
  public void record(CycleReport report) {
    if (failWrites) {
      throw new IllegalStateException("database is down");
    }
    if (!discardWrites) {
      recorded.add(report);
    }
  }

  @Override
  public Page<CycleSummary> cycles(int page, int size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<CycleDetail> cycle(long id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<AnomalyRecord> anomalies(String target, String symptom, int page, int size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<ActionRecord> actions(OutcomeStatus status, int page, int size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<ActionRecord> action(String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Page<IncidentSummary> incidents(
      io.x0tta6bl4.mapek.IncidentState state, String target, int page, int size) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Optional<IncidentDetail> incident(String id) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean completeAwaiting(String actionId, io.x0tta6bl4.mapek.Outcome outcome) {
    return false;
  }

  @Override
  public List<OpenIncident> openIncidents() {
    return List.of();
  }

  @Override
  public List<ActionRecord> actionsSince(Instant since) {
    return List.of();
  }

  @Override
  public List<SuccessRate> successRates() {
    throw new UnsupportedOperationException();
  }

  @Override
  public Stats stats() {
    throw new UnsupportedOperationException();
  }

  @Override
  public int prune(Instant cutoff) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean reachable() {
    return !failWrites;
  }
}
