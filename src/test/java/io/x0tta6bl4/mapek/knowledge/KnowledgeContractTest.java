package io.x0tta6bl4.mapek.knowledge;

import static io.x0tta6bl4.mapek.knowledge.Reports.T0;
import static io.x0tta6bl4.mapek.knowledge.Reports.startOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.IncidentEvent;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Knowledge.ActionRecord;
import io.x0tta6bl4.mapek.Knowledge.AnomalyRecord;
import io.x0tta6bl4.mapek.Knowledge.CycleDetail;
import io.x0tta6bl4.mapek.Knowledge.CycleSummary;
import io.x0tta6bl4.mapek.Knowledge.IncidentDetail;
import io.x0tta6bl4.mapek.Knowledge.IncidentSummary;
import io.x0tta6bl4.mapek.Knowledge.Page;
import io.x0tta6bl4.mapek.Knowledge.Stats;
import io.x0tta6bl4.mapek.Knowledge.SuccessRate;
import io.x0tta6bl4.mapek.Knowledge.TimelineEntry;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every database under {@link JdbcKnowledge} must do; subclasses supply the database. The
 * schema comes from the real migrations; every test starts from an empty store.
 */
abstract class KnowledgeContractTest {

  static final Duration RETENTION = Duration.ofDays(7);

  protected MutableClock clock;
  protected JdbcKnowledge knowledge;
  protected JdbcTemplate jdbc;

  /** A migrated or migratable database; the same one for all tests of a class is fine. */
  protected abstract DataSource dataSource();

  @BeforeEach
  void emptyStore() {
    Flyway.configure().dataSource(dataSource()).load().migrate();
    jdbc = new JdbcTemplate(dataSource());
    jdbc.update("delete from incidents");
    jdbc.update("delete from cycles");
    jdbc.update("update knowledge_watermark set last_pruned_cycle_id = 0");
    clock = new MutableClock(T0);
    knowledge = new JdbcKnowledge(dataSource(), RETENTION);
  }

  @Test
  void recordedCycleReadsBackWithEveryField() {
    CycleReport report = Reports.full(7);
    knowledge.record(report);

    CycleSummary summary =
        new CycleSummary(
            7,
            startOf(7),
            Mode.ACTIVE,
            Map.of("monitor", 0.012, "analyze", 0.000345678, "plan", 0.001, "execute", 0.25),
            0.012 + 0.000345678 + 0.001 + 0.25,
            3,
            1,
            2,
            2,
            1,
            report.errors());
    assertThat(knowledge.cycle(7))
        .contains(new CycleDetail(summary, report.anomalies(), report.plan(), report.outcomes()));
  }

  @Test
  void instantsReadBackTruncatedToMicroseconds() {
    Instant withNanos = Instant.parse("2026-01-05T10:00:00.123456789Z");
    knowledge.record(Reports.empty(1, withNanos));

    assertThat(knowledge.cycle(1).orElseThrow().summary().startedAt())
        .isEqualTo(Instant.parse("2026-01-05T10:00:00.123456Z"));
  }

  @Test
  void cycleWithNothingInItReadsBackEmpty() {
    knowledge.record(Reports.empty(1));

    CycleDetail detail = knowledge.cycle(1).orElseThrow();
    assertThat(detail.summary())
        .isEqualTo(
            new CycleSummary(1, startOf(1), Mode.ACTIVE, Map.of(), 0, 0, 0, 0, 0, 0, List.of()));
    assertThat(detail.anomalies()).isEmpty();
    assertThat(detail.plan()).isEqualTo(Plan.empty(1, Mode.ACTIVE));
    assertThat(detail.outcomes()).isEmpty();
  }

  @Test
  void planModeIsTheCycleMode() {
    CycleReport active = Reports.withOutcome(1, "saturation", "gc", OutcomeStatus.DRY_RUN);
    knowledge.record(
        new CycleReport(
            new CycleContext(1, startOf(1), Mode.DRY_RUN),
            active.timings(),
            active.snapshot(),
            active.anomalies(),
            new Plan(1, Mode.DRY_RUN, active.plan().actions(), List.of()),
            active.outcomes(),
            List.of()));

    CycleDetail detail = knowledge.cycle(1).orElseThrow();
    assertThat(detail.summary().mode()).isEqualTo(Mode.DRY_RUN);
    assertThat(detail.plan().mode()).isEqualTo(Mode.DRY_RUN);
  }

  @Test
  void recordingTheSameCycleTwiceKeepsTheFirstRecordOnly() {
    knowledge.record(Reports.full(3));
    CycleDetail first = knowledge.cycle(3).orElseThrow();

    knowledge.record(Reports.full(3));
    knowledge.record(Reports.empty(3, T0.plusSeconds(3600)));

    assertThat(knowledge.cycle(3)).contains(first);
    assertThat(knowledge.stats().cycles()).isEqualTo(1);
    assertThat(knowledge.stats().anomalies()).isEqualTo(2);
    assertThat(knowledge.stats().actions()).isEqualTo(2);
    assertThat(knowledge.stats().suppressed()).isEqualTo(1);
  }

  @Test
  void cycleThatFailsToRecordLeavesNothingBehind() {
    knowledge.record(Reports.full(1));
    CycleReport second = Reports.full(2);
    Action reused = Reports.action(1, 1, "gc", "self", Map.of(), "memory_pressure");
    CycleReport clashing =
        new CycleReport(
            second.context(),
            second.timings(),
            second.snapshot(),
            second.anomalies(),
            new Plan(2, Mode.ACTIVE, List.of(reused), List.of()),
            List.of(),
            second.errors());

    assertThatThrownBy(() -> knowledge.record(clashing)).isInstanceOf(DuplicateKeyException.class);

    assertThat(knowledge.cycle(2)).isEmpty();
    for (String table : List.of("cycle_errors", "anomalies", "actions", "suppressed_actions")) {
      assertThat(cycleIdsIn(table)).as(table).containsOnly(1L);
    }
  }

  @Test
  void actionWithoutOutcomeIsStoredWithoutOne() {
    CycleReport planned = Reports.withOutcome(1, "saturation", "gc", OutcomeStatus.SUCCEEDED);
    knowledge.record(
        new CycleReport(
            planned.context(),
            planned.timings(),
            planned.snapshot(),
            List.of(),
            planned.plan(),
            List.of(),
            List.of()));

    assertThat(knowledge.action("1-1")).hasValueSatisfying(a -> assertThat(a.outcome()).isNull());
    assertThat(knowledge.cycle(1).orElseThrow().outcomes()).isEmpty();
    assertThat(knowledge.cycle(1).orElseThrow().plan()).isEqualTo(planned.plan());
  }

  @Test
  void cyclesAreListedNewestFirstInPagesWithTheTotal() {
    for (long id = 1; id <= 5; id++) {
      knowledge.record(id == 4 ? Reports.full(id) : Reports.empty(id));
    }

    Page<CycleSummary> first = knowledge.cycles(0, 2);
    assertThat(first.items()).extracting(CycleSummary::id).containsExactly(5L, 4L);
    assertThat(first.items().get(1).errors()).isEqualTo(Reports.full(4).errors());
    assertThat(first.items().get(0).errors()).isEmpty();
    assertThat(first.total()).isEqualTo(5);
    assertThat(first.page()).isZero();
    assertThat(first.size()).isEqualTo(2);
    assertThat(knowledge.cycles(1, 2).items()).extracting(CycleSummary::id).containsExactly(3L, 2L);
    assertThat(knowledge.cycles(2, 2).items()).extracting(CycleSummary::id).containsExactly(1L);
    assertThat(knowledge.cycles(3, 2).items()).isEmpty();
    assertThat(knowledge.cycles(3, 2).total()).isEqualTo(5);
  }

  @Test
  void anomaliesAreListedNewestFirstAndFilterByTargetAndSymptom() {
    knowledge.record(Reports.full(1));
    knowledge.record(Reports.full(2));

    Page<AnomalyRecord> all = knowledge.anomalies(null, null, 0, 10);
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.items())
        .extracting(AnomalyRecord::cycleId, a -> a.anomaly().symptom())
        .containsExactly(
            tuple(2L, "memory_pressure"),
            tuple(2L, "saturation"),
            tuple(1L, "memory_pressure"),
            tuple(1L, "saturation"));
    assertThat(all.items().get(0))
        .isEqualTo(
            new AnomalyRecord(2, startOf(2).plusNanos(1_000), Reports.memoryPressure(startOf(2))));

    Page<AnomalyRecord> db = knowledge.anomalies("db", null, 0, 10);
    assertThat(db.total()).isEqualTo(2);
    assertThat(db.items()).allSatisfy(a -> assertThat(a.anomaly().target()).isEqualTo("db"));
    Page<AnomalyRecord> memory = knowledge.anomalies(null, "memory_pressure", 0, 1);
    assertThat(memory.total()).isEqualTo(2);
    assertThat(memory.items()).extracting(AnomalyRecord::cycleId).containsExactly(2L);
    assertThat(knowledge.anomalies("db", "memory_pressure", 0, 10).total()).isZero();
  }

  @Test
  void actionsAreListedNewestFirstAndFilterByStatusWithoutSuppressedOnes() {
    knowledge.record(Reports.full(1));
    knowledge.record(Reports.full(2));

    Page<ActionRecord> all = knowledge.actions(null, 0, 10);
    assertThat(all.total()).isEqualTo(4);
    assertThat(all.items())
        .extracting(a -> a.action().id())
        .containsExactly("2-1", "2-2", "1-1", "1-2");
    Page<ActionRecord> failed = knowledge.actions(OutcomeStatus.FAILED, 0, 10);
    assertThat(failed.items()).extracting(a -> a.action().id()).containsExactly("2-2", "1-2");
    assertThat(failed.total()).isEqualTo(2);
    assertThat(knowledge.actions(OutcomeStatus.DRY_RUN, 0, 10).total()).isZero();
  }

  @Test
  void actionIsFoundByIdWithItsOutcome() {
    CycleReport report = Reports.full(9);
    knowledge.record(report);

    Action hook = report.plan().actions().get(1);
    assertThat(knowledge.action("9-2"))
        .contains(new ActionRecord(9, startOf(9), hook, report.outcomes().get(1)));
  }

  @Test
  void unknownIdsAreEmpty() {
    knowledge.record(Reports.full(1));

    assertThat(knowledge.cycle(2)).isEmpty();
    assertThat(knowledge.action("1-3")).as("suppressed actions are no actions").isEmpty();
    assertThat(knowledge.action("nope")).isEmpty();
  }

  @Test
  void successRatesCountOnlyActionsThatRanForReal() {
    OutcomeStatus[] statuses = {
      OutcomeStatus.SUCCEEDED,
      OutcomeStatus.SUCCEEDED,
      OutcomeStatus.FAILED,
      OutcomeStatus.DRY_RUN,
      OutcomeStatus.SKIPPED,
      OutcomeStatus.AWAITING_APPROVAL
    };
    for (int i = 0; i < statuses.length; i++) {
      knowledge.record(Reports.withOutcome(i + 1, "memory_pressure", "gc", statuses[i]));
    }
    knowledge.record(Reports.withOutcome(7, "memory_pressure", "webhook", OutcomeStatus.FAILED));
    knowledge.record(Reports.withOutcome(8, "saturation", "gc", OutcomeStatus.DRY_RUN));

    assertThat(knowledge.successRates())
        .containsExactly(
            new SuccessRate("memory_pressure", "gc", 3, 2, 2.0 / 3),
            new SuccessRate("memory_pressure", "webhook", 1, 0, 0));
  }

  @Test
  void statsSummariseTheStore() {
    knowledge.record(Reports.full(1));
    knowledge.record(Reports.withOutcome(2, "saturation", "gc", OutcomeStatus.DRY_RUN));
    knowledge.record(Reports.empty(3));

    Stats stats = knowledge.stats();

    assertThat(stats.cycles()).isEqualTo(3);
    assertThat(stats.anomalies()).isEqualTo(2);
    assertThat(stats.actions()).isEqualTo(3);
    assertThat(stats.suppressed()).isEqualTo(1);
    assertThat(stats.outcomes())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "SUCCEEDED", 1L,
                "FAILED", 1L,
                "DRY_RUN", 1L,
                "AWAITING_APPROVAL", 0L,
                "SKIPPED", 0L));
    assertThat(stats.firstCycleAt()).isEqualTo(startOf(1));
    assertThat(stats.lastCycleAt()).isEqualTo(startOf(3));
    double full = 0.012 + 0.000345678 + 0.001 + 0.25;
    assertThat(stats.meanCycleSeconds()).isCloseTo((full + 0.002) / 3, within(1e-12));
    assertThat(stats.successRates()).isEqualTo(knowledge.successRates()).hasSize(2);
    assertThat(stats.retention()).isEqualTo(RETENTION);
  }

  @Test
  void statsOfAnEmptyStoreAreZero() {
    Stats stats = knowledge.stats();

    assertThat(stats.cycles()).isZero();
    assertThat(stats.anomalies()).isZero();
    assertThat(stats.actions()).isZero();
    assertThat(stats.suppressed()).isZero();
    assertThat(stats.outcomes()).hasSize(OutcomeStatus.values().length);
    assertThat(stats.outcomes().values()).containsOnly(0L);
    assertThat(stats.firstCycleAt()).isNull();
    assertThat(stats.lastCycleAt()).isNull();
    assertThat(stats.meanCycleSeconds()).isZero();
    assertThat(stats.successRates()).isEmpty();
    assertThat(stats.retention()).isEqualTo(RETENTION);
  }

  @Test
  void lastCycleIdIsTheNewestAndSurvivesPruningEverything() {
    assertThat(knowledge.lastCycleId()).isZero();
    knowledge.record(Reports.empty(41));
    knowledge.record(Reports.empty(42));
    assertThat(knowledge.lastCycleId()).isEqualTo(42);

    knowledge.prune(T0.plus(Duration.ofDays(1)));

    assertThat(knowledge.cycles(0, 10).total()).isZero();
    assertThat(knowledge.lastCycleId()).isEqualTo(42);
  }

  @Test
  void pruneDeletesOlderCyclesWithEverythingRecordedWithThem() {
    for (long id = 1; id <= 4; id++) {
      knowledge.record(Reports.full(id));
    }

    assertThat(knowledge.prune(startOf(3))).isEqualTo(2);

    assertThat(knowledge.cycles(0, 10).items())
        .extracting(CycleSummary::id)
        .containsExactly(4L, 3L);
    for (String table : List.of("cycle_errors", "anomalies", "actions", "suppressed_actions")) {
      assertThat(cycleIdsIn(table)).as(table).containsOnly(3L, 4L);
    }
    assertThat(knowledge.prune(startOf(3))).isZero();
  }

  @Test
  void pruneCutoffIsExclusiveAtSubMicrosecondPrecision() {
    knowledge.record(Reports.empty(1, T0));

    assertThat(knowledge.prune(T0)).isZero();
    assertThat(knowledge.prune(T0.plusNanos(1))).isEqualTo(1);
  }

  @Test
  void retentionPrunerDeletesWhatIsOlderThanTheRetentionOnTheClock() {
    knowledge.record(Reports.empty(1, T0));
    knowledge.record(Reports.empty(2, T0.plus(Duration.ofDays(1))));
    RetentionPruner pruner = new RetentionPruner(knowledge, RETENTION, clock);

    clock.set(T0.plus(RETENTION));
    assertThat(pruner.pruneNow()).isZero();
    clock.advance(Duration.ofSeconds(1));
    assertThat(pruner.pruneNow()).isEqualTo(1);

    assertThat(knowledge.cycles(0, 10).items()).extracting(CycleSummary::id).containsExactly(2L);
  }

  @Test
  void invalidPagingArgumentsAreRejected() {
    assertThatThrownBy(() -> knowledge.cycles(-1, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("page must be >= 0, but was -1");
    assertThatThrownBy(() -> knowledge.anomalies(null, null, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be between 1 and 500, but was 0");
    assertThatThrownBy(() -> knowledge.actions(null, 0, 501))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("size must be between 1 and 500, but was 501");
    assertThat(knowledge.actions(null, 0, 500).size()).isEqualTo(500);
  }

  @Test
  void reachableWhileTheDatabaseAnswers() {
    assertThat(knowledge.reachable()).isTrue();
  }

  private static CycleReport withIncidents(
      long cycle, List<Action> actions, List<Outcome> outcomes, IncidentEvent... events) {
    Instant at = Reports.startOf(cycle);
    return new CycleReport(
        new CycleContext(cycle, at, Mode.ACTIVE),
        Map.of(),
        Snapshot.empty(cycle, at),
        List.of(),
        new Plan(cycle, Mode.ACTIVE, actions, List.of(), List.of(events)),
        outcomes,
        List.of());
  }

  private static IncidentEvent event(
      long cycle, IncidentState state, Instant onset, String actionId) {
    return new IncidentEvent(
        "1-api-target_down",
        "api",
        "target_down",
        state,
        Reports.startOf(cycle),
        onset,
        actionId,
        state.name().toLowerCase());
  }

  @Test
  void incidentsKeepTheirStateTimelineOutcomesAndTimes() {
    Instant onset = Reports.startOf(1).minusSeconds(2);
    Action restart =
        new Action("1-1", "command", "api", Map.of(), "restart", 0, "target_down", "down");
    Outcome restarted =
        new Outcome(
            "1-1",
            OutcomeStatus.SUCCEEDED,
            Reports.startOf(1),
            Duration.ofMillis(700),
            1,
            "exit 0");
    knowledge.record(
        withIncidents(
            1,
            List.of(restart),
            List.of(restarted),
            event(1, IncidentState.DETECTED, onset, null),
            event(1, IncidentState.REMEDIATING, null, "1-1")));
    knowledge.record(
        withIncidents(2, List.of(), List.of(), event(2, IncidentState.VERIFYING, null, null)));

    IncidentSummary open = knowledge.incidents(null, null, 0, 20).items().get(0);
    knowledge.record(
        withIncidents(3, List.of(), List.of(), event(3, IncidentState.RESOLVED, null, null)));
    IncidentDetail resolved = knowledge.incident("1-api-target_down").orElseThrow();

    assertThat(open.state()).isEqualTo(IncidentState.VERIFYING);
    assertThat(open.closedAt()).isNull();
    assertThat(open.timeToRecoverSeconds()).isNull();
    assertThat(resolved.summary().state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(resolved.summary().actions()).isEqualTo(1);
    assertThat(resolved.summary().timeToDetectSeconds()).isEqualTo(2.0);
    assertThat(resolved.summary().timeToRecoverSeconds())
        .isEqualTo(Duration.between(Reports.startOf(1), Reports.startOf(3)).toNanos() / 1e9);
    assertThat(resolved.timeline())
        .extracting(TimelineEntry::state)
        .containsExactly(
            IncidentState.DETECTED,
            IncidentState.REMEDIATING,
            IncidentState.VERIFYING,
            IncidentState.RESOLVED);
    assertThat(resolved.timeline().get(1).outcome()).isEqualTo(restarted);
    assertThat(resolved.timeline().get(0).outcome()).isNull();
    assertThat(knowledge.incidents(IncidentState.RESOLVED, "api", 0, 20).total()).isEqualTo(1);
    assertThat(knowledge.incidents(IncidentState.ESCALATED, null, 0, 20).total()).isZero();
    assertThat(knowledge.incidents(null, "db", 0, 20).total()).isZero();
    assertThat(knowledge.incident("nope")).isEmpty();
  }

  @Test
  void aClosedIncidentGoesWithItsPrunedTimelineAndAnOpenOneStays() {
    knowledge.record(
        withIncidents(1, List.of(), List.of(), event(1, IncidentState.DETECTED, null, null)));
    knowledge.record(
        withIncidents(2, List.of(), List.of(), event(2, IncidentState.RESOLVED, null, null)));
    knowledge.record(
        withIncidents(
            3,
            List.of(),
            List.of(),
            new IncidentEvent(
                "3-db-target_down",
                "db",
                "target_down",
                IncidentState.DETECTED,
                Reports.startOf(3),
                null,
                null,
                "")));

    knowledge.prune(Reports.startOf(3));

    assertThat(knowledge.incidents(null, null, 0, 20).items())
        .extracting(IncidentSummary::id)
        .containsExactly("3-db-target_down");
  }

  private List<Long> cycleIdsIn(String table) {
    return jdbc.queryForList("select distinct cycle_id from " + table, Long.class);
  }
}
