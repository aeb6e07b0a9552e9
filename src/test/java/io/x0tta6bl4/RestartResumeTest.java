package io.x0tta6bl4;

import static io.x0tta6bl4.testsupport.Anomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.knowledge.JdbcKnowledge;
import io.x0tta6bl4.mapek.plan.Guards;
import io.x0tta6bl4.mapek.plan.Policy;
import io.x0tta6bl4.mapek.plan.PolicyPlanner;
import io.x0tta6bl4.mapek.plan.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * A controller killed in the middle of an incident and started again resumes the incident from
 * Knowledge: it does not repeat the action that already ran, keeps verifying it, and its guards
 * still remember it.
 */
class RestartResumeTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Policy RESTART =
      Policy.ordered(
          "restart",
          "target_down",
          "*",
          List.of(
              Step.of("command", Map.of(), Duration.ofMinutes(5)),
              Step.of("command", Map.of(), Duration.ofMinutes(5))),
          Duration.ofMinutes(1),
          List.of());
  private static final Guards GUARDS =
      new Guards(Duration.ofMinutes(5), 3, 20, Duration.ofMinutes(10));

  private final JdbcKnowledge knowledge;

  RestartResumeTest() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).load().migrate();
    knowledge = new JdbcKnowledge(dataSource, Duration.ofDays(7));
  }

  /** Plans a cycle and records it as the loop would, every action SUCCEEDED. */
  private Plan cycle(PolicyPlanner planner, long id, Duration at, Anomaly... anomalies) {
    Instant start = T0.plus(at);
    CycleContext context = new CycleContext(id, start, Mode.ACTIVE);
    Plan plan = planner.plan(context, List.of(anomalies));
    List<Outcome> outcomes =
        plan.actions().stream()
            .map(
                a ->
                    new Outcome(
                        a.id(), OutcomeStatus.SUCCEEDED, start, Duration.ofMillis(5), 1, "exit 0"))
            .toList();
    knowledge.record(
        new CycleReport(
            context,
            Map.of(),
            Snapshot.empty(id, start),
            List.of(anomalies),
            plan,
            outcomes,
            List.of()));
    return plan;
  }

  @Test
  void aRestartedPlannerResumesTheIncidentWithoutRepeatingItsAction() {
    PolicyPlanner before = new PolicyPlanner(List.of(RESTART), GUARDS);
    Plan acted = cycle(before, 1, Duration.ZERO, anomaly("api", "target_down"));

    PolicyPlanner after = new PolicyPlanner(List.of(RESTART), GUARDS);
    int resumed = after.resume(knowledge, T0.plusSeconds(10));
    Plan verifying = cycle(after, 2, Duration.ofSeconds(10), anomaly("api", "target_down"));
    Plan nextStep = cycle(after, 3, Duration.ofSeconds(61), anomaly("api", "target_down"));

    assertThat(acted.actions()).hasSize(1);
    assertThat(resumed).isEqualTo(1);
    assertThat(after.openProblems()).isEqualTo(1);
    assertThat(verifying.actions()).isEmpty();
    assertThat(verifying.incidents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(IncidentState.VERIFYING);
              assertThat(e.incidentId()).isEqualTo("1-api-target_down");
            });
    // step 2 is due, but the guards remember step 1's command from before the restart
    assertThat(nextStep.actions()).isEmpty();
    assertThat(nextStep.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.guard()).isEqualTo("cooldown");
              assertThat(s.action().step()).isEqualTo(1);
            });
    assertThat(knowledge.incident("1-api-target_down").orElseThrow().timeline())
        .extracting(t -> t.state())
        .containsExactly(
            IncidentState.DETECTED, IncidentState.REMEDIATING, IncidentState.VERIFYING);
  }

  @Test
  void resolvedIncidentsAreNotResumedButTheirActionsAreRemembered() {
    PolicyPlanner before = new PolicyPlanner(List.of(RESTART), GUARDS);
    cycle(before, 1, Duration.ZERO, anomaly("api", "target_down"));
    cycle(before, 2, Duration.ofSeconds(5));

    PolicyPlanner after = new PolicyPlanner(List.of(RESTART), GUARDS);

    assertThat(after.resume(knowledge, T0.plusSeconds(10))).isZero();
    assertThat(knowledge.openIncidents()).isEmpty();
    assertThat(knowledge.actionsSince(T0)).hasSize(1);
    assertThat(knowledge.actionsSince(T0.plusSeconds(1))).isEmpty();
  }

  @Test
  void actionsWaitingForApprovalWaitAgainAfterARestartAndCanBeApproved() {
    Instant start = T0;
    CycleContext context = new CycleContext(1, start, Mode.ACTIVE);
    io.x0tta6bl4.mapek.Action restart =
        new io.x0tta6bl4.mapek.Action(
            "1-1", "log", "api", Map.of(), "restart", 0, "target_down", "down", true);
    knowledge.record(
        new CycleReport(
            context,
            Map.of(),
            Snapshot.empty(1, start),
            List.of(),
            new Plan(1, Mode.ACTIVE, List.of(restart), List.of()),
            List.of(
                new Outcome(
                    "1-1", OutcomeStatus.AWAITING_APPROVAL, start, Duration.ZERO, 0, "waiting")),
            List.of()));
    io.x0tta6bl4.mapek.execute.Approvals approvals =
        new io.x0tta6bl4.mapek.execute.Approvals(
            Duration.ofMinutes(15), knowledge::completeAwaiting);
    io.x0tta6bl4.mapek.execute.HandlerExecutor executor =
        new io.x0tta6bl4.mapek.execute.HandlerExecutor(
            List.of(new io.x0tta6bl4.mapek.execute.LogActionHandler()),
            Duration.ofSeconds(5),
            1,
            java.time.Clock.fixed(T0.plusSeconds(60), java.time.ZoneOffset.UTC),
            approvals);

    int resumed = approvals.resume(knowledge);
    Outcome approved = executor.approve("1-1");
    executor.close();

    assertThat(resumed).isEqualTo(1);
    assertThat(executor.pendingApprovals()).isEmpty();
    assertThat(approved.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(knowledge.action("1-1").orElseThrow().outcome().status())
        .isEqualTo(OutcomeStatus.SUCCEEDED);
  }
}
