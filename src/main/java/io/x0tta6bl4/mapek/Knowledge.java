package io.x0tta6bl4.mapek;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The K of MAPE-K: the durable record of every cycle, and the answers the other phases and the API
 * read from it. Implementations are thread-safe: the loop writes while the API reads.
 */
public interface Knowledge {

  /**
   * Id of the newest recorded cycle, 0 when there is none; the loop continues numbering from it.
   */
  long lastCycleId();

  /** Stores the cycle with its timings, anomalies, plan (suppressed actions too) and outcomes. */
  void record(CycleReport report);

  /** Newest first. */
  Page<CycleSummary> cycles(int page, int size);

  Optional<CycleDetail> cycle(long id);

  /**
   * Replaces the outcome of an action that was waiting for approval (approved and run, rejected, or
   * expired).
   *
   * @return false when the action is unknown or was not waiting for approval
   */
  boolean completeAwaiting(String actionId, Outcome outcome);

  /** Newest first; {@code target} and {@code symptom} filter when not null. */
  Page<AnomalyRecord> anomalies(String target, String symptom, int page, int size);

  /** Newest first; {@code status} filters when not null. Suppressed actions are not listed here. */
  Page<ActionRecord> actions(OutcomeStatus status, int page, int size);

  Optional<ActionRecord> action(String id);

  /** Newest first; {@code state} and {@code target} filter when not null. */
  Page<IncidentSummary> incidents(IncidentState state, String target, int page, int size);

  /** One incident with its timeline, each action event with the action's outcome. */
  Optional<IncidentDetail> incident(String id);

  /** Incidents not yet resolved, with what a restarted planner needs to resume them. */
  List<OpenIncident> openIncidents();

  /**
   * Actions that really ran (SUCCEEDED or FAILED) planned at or after {@code since}, oldest first:
   * what the guards of a restarted planner must remember.
   */
  List<ActionRecord> actionsSince(Instant since);

  /** Per (symptom, action kind): how often the action ran for real and how often it succeeded. */
  List<SuccessRate> successRates();

  Stats stats();

  /**
   * Deletes cycles (and everything recorded with them) that started before {@code cutoff}.
   *
   * @return the number of cycles deleted
   */
  int prune(Instant cutoff);

  /** True when the store answers a trivial query; the readiness probe uses it. */
  boolean reachable();

  /** One page of results; {@code page} counts from 0. */
  record Page<T>(List<T> items, int page, int size, long total) {
    public Page {
      items = List.copyOf(items);
    }
  }

  /**
   * One cycle without its details.
   *
   * @param timings seconds per phase, by {@link Phase#id()}
   * @param totalSeconds sum of the phase timings
   */
  record CycleSummary(
      long id,
      Instant startedAt,
      Mode mode,
      Map<String, Double> timings,
      double totalSeconds,
      int observations,
      int targetsDown,
      int anomalies,
      int actions,
      int suppressed,
      List<PhaseError> errors) {
    public CycleSummary {
      timings = Map.copyOf(timings);
      errors = List.copyOf(errors);
    }

    /** The summary of a cycle this process just ran. */
    public static CycleSummary of(CycleReport report) {
      Map<String, Double> seconds = new java.util.TreeMap<>();
      report.timings().forEach((phase, took) -> seconds.put(phase.id(), took.toNanos() / 1e9));
      return new CycleSummary(
          report.id(),
          report.context().startedAt(),
          report.context().mode(),
          seconds,
          report.total().toNanos() / 1e9,
          report.snapshot().observations().size(),
          report.snapshot().targetsDown(),
          report.anomalies().size(),
          report.plan().actions().size(),
          report.plan().suppressed().size(),
          report.errors());
    }
  }

  /** One cycle with everything it decided and did. */
  record CycleDetail(
      CycleSummary summary, List<Anomaly> anomalies, Plan plan, List<Outcome> outcomes) {
    public CycleDetail {
      anomalies = List.copyOf(anomalies);
      outcomes = List.copyOf(outcomes);
    }

    /** The detail of a cycle this process just ran (its snapshot is not part of it). */
    public static CycleDetail of(CycleReport report) {
      return new CycleDetail(
          CycleSummary.of(report), report.anomalies(), report.plan(), report.outcomes());
    }
  }

  record AnomalyRecord(long cycleId, Instant observedAt, Anomaly anomaly) {}

  /**
   * One incident.
   *
   * @param onsetAt when its condition began, as the detector saw it (the first sample over a
   *     threshold, the first failed probe)
   * @param detectedAt the cycle that confirmed it
   * @param closedAt the cycle that found it cleared; null while open
   * @param actions actions the planner ran for it
   * @param timeToDetectSeconds detectedAt - onsetAt; null when the onset is unknown
   * @param timeToRecoverSeconds closedAt - detectedAt for a resolved incident; else null
   */
  record IncidentSummary(
      String id,
      String target,
      String symptom,
      IncidentState state,
      Instant onsetAt,
      Instant detectedAt,
      Instant closedAt,
      int actions,
      Double timeToDetectSeconds,
      Double timeToRecoverSeconds) {}

  /**
   * An open incident as a restarted planner resumes it.
   *
   * @param policy the policy of its last action; null when nothing ran yet
   * @param lastStep the policy step of its last action; -1 when nothing ran yet
   * @param lastActionAt when its last action was planned; null when nothing ran yet
   */
  record OpenIncident(
      String id,
      String target,
      String symptom,
      IncidentState state,
      Instant detectedAt,
      int attempts,
      String policy,
      int lastStep,
      Instant lastActionAt) {}

  record IncidentDetail(IncidentSummary summary, List<TimelineEntry> timeline) {
    public IncidentDetail {
      timeline = List.copyOf(timeline);
    }
  }

  /**
   * One event of an incident; {@code outcome} is the action's outcome for a REMEDIATING event (null
   * until the Executor recorded one).
   */
  record TimelineEntry(
      Instant at,
      long cycleId,
      IncidentState state,
      String actionId,
      String note,
      Outcome outcome) {}

  /** An action that the Executor ran (or dry-ran), with its outcome. */
  record ActionRecord(long cycleId, Instant plannedAt, Action action, Outcome outcome) {}

  /**
   * @param attempts actions of this kind that ran for real (not dry-run, not skipped) for the
   *     symptom
   * @param succeeded of those, how many ended SUCCEEDED
   * @param rate succeeded / attempts, 0 when there were no attempts
   */
  record SuccessRate(String symptom, String action, long attempts, long succeeded, double rate) {}

  /**
   * @param outcomes count of actions per outcome status
   * @param firstCycleAt start of the oldest stored cycle, null when empty
   * @param lastCycleAt start of the newest stored cycle, null when empty
   * @param meanCycleSeconds mean total duration of the stored cycles
   */
  record Stats(
      long cycles,
      long anomalies,
      long actions,
      long suppressed,
      Map<String, Long> outcomes,
      Instant firstCycleAt,
      Instant lastCycleAt,
      double meanCycleSeconds,
      List<SuccessRate> successRates,
      Duration retention) {
    public Stats {
      outcomes = Map.copyOf(outcomes);
      successRates = List.copyOf(successRates);
    }
  }
}
