package io.x0tta6bl4.mapek.plan;

import static io.x0tta6bl4.testsupport.Anomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.IncidentEvent;
import io.x0tta6bl4.mapek.IncidentState;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyPlannerTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Policy MEMORY =
      Policy.ordered(
          "relieve-memory",
          "memory_pressure",
          "*",
          List.of(
              Step.of("gc", Map.of(), Duration.ofMinutes(2)),
              Step.of("webhook", Map.of("url", "http://hooks/{{target}}/${symptom}"), null)),
          Duration.ofMinutes(1),
          List.of());
  private static final Policy SATURATION =
      Policy.ordered(
          "shed-load",
          "saturation",
          "self",
          List.of(Step.of("readiness", Map.of("state", "out"), null)),
          Duration.ofMinutes(1),
          List.of(Step.of("readiness", Map.of("state", "in"), null)));

  private final Guards guards = new Guards(Duration.ofMinutes(5), 3, 20, Duration.ofMinutes(10));
  private final PolicyPlanner planner = new PolicyPlanner(List.of(MEMORY, SATURATION), guards);
  private long cycle;

  private Plan planAt(Duration sinceStart, Mode mode, Anomaly... anomalies) {
    return planner.plan(new CycleContext(++cycle, T0.plus(sinceStart), mode), List.of(anomalies));
  }

  private Plan planAt(Duration sinceStart, Anomaly... anomalies) {
    return planAt(sinceStart, Mode.ACTIVE, anomalies);
  }

  @Test
  void plannerRunsTheFirstStepOfTheMatchingPolicyForANewProblem() {
    Plan plan = planAt(Duration.ZERO, anomaly("api", "memory_pressure"));

    assertThat(plan.actions())
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.kind()).isEqualTo("gc");
              assertThat(action.target()).isEqualTo("api");
              assertThat(action.policy()).isEqualTo("relieve-memory");
              assertThat(action.step()).isZero();
              assertThat(action.id()).isEqualTo("1-1");
              assertThat(action.reason()).contains("memory_pressure on api").contains("heap-high");
            });
    assertThat(plan.suppressed()).isEmpty();
    assertThat(planner.openProblems()).isEqualTo(1);
  }

  @Test
  void plannerWaitsEscalateAfterBeforeTheNextStepAndSubstitutesParameters() {
    planAt(Duration.ZERO, anomaly("api", "memory_pressure"));

    assertThat(planAt(Duration.ofSeconds(30), anomaly("api", "memory_pressure")).actions())
        .isEmpty();
    Plan escalated = planAt(Duration.ofSeconds(60), anomaly("api", "memory_pressure"));

    assertThat(escalated.actions())
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.kind()).isEqualTo("webhook");
              assertThat(action.step()).isEqualTo(1);
              assertThat(action.params()).containsEntry("url", "http://hooks/api/memory_pressure");
            });
  }

  @Test
  void plannerSkipsTargetInCooldownAndRecordsTheGuardOnce() {
    Policy gcOnly =
        Policy.ordered(
            "gc-only",
            "memory_pressure",
            "*",
            List.of(
                Step.of("gc", Map.of(), Duration.ofMinutes(5)),
                Step.of("gc", Map.of(), Duration.ofMinutes(5))),
            Duration.ofSeconds(10),
            List.of());
    PolicyPlanner single = new PolicyPlanner(List.of(gcOnly), guards);
    Anomaly heap = anomaly("api", "memory_pressure");
    single.plan(new CycleContext(1, T0, Mode.ACTIVE), List.of(heap));

    Plan blocked = single.plan(new CycleContext(2, T0.plusSeconds(20), Mode.ACTIVE), List.of(heap));
    Plan again = single.plan(new CycleContext(3, T0.plusSeconds(30), Mode.ACTIVE), List.of(heap));
    Plan afterCooldown =
        single.plan(new CycleContext(4, T0.plusSeconds(300), Mode.ACTIVE), List.of(heap));

    assertThat(blocked.actions()).isEmpty();
    assertThat(blocked.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.guard()).isEqualTo("cooldown");
              assertThat(s.reason())
                  .isEqualTo("gc on api ran 20s ago; cooldown is 300s (280s left)");
              assertThat(s.action().kind()).isEqualTo("gc");
            });
    assertThat(again.suppressed()).isEmpty();
    assertThat(afterCooldown.actions()).extracting(Action::kind).containsExactly("gc");
  }

  @Test
  void plannerStopsActingAfterMaxAttemptsUntilTheProblemClears() {
    Policy logOnly =
        Policy.ordered(
            "log-only",
            "memory_pressure",
            "*",
            java.util.Collections.nCopies(5, Step.of("log", Map.of(), Duration.ZERO)),
            Duration.ZERO,
            List.of());
    PolicyPlanner single =
        new PolicyPlanner(
            List.of(logOnly), new Guards(Duration.ZERO, 2, 20, Duration.ofMinutes(10)));
    Anomaly heap = anomaly("api", "memory_pressure");

    int ran = 0;
    int suppressedMaxAttempts = 0;
    for (int i = 1; i <= 10; i++) {
      Plan plan = single.plan(new CycleContext(i, T0.plusSeconds(i), Mode.ACTIVE), List.of(heap));
      ran += plan.actions().size();
      suppressedMaxAttempts +=
          (int) plan.suppressed().stream().filter(s -> s.guard().equals("max-attempts")).count();
    }
    single.plan(new CycleContext(11, T0.plusSeconds(11), Mode.ACTIVE), List.of());
    Plan reopened =
        single.plan(new CycleContext(12, T0.plusSeconds(12), Mode.ACTIVE), List.of(heap));

    assertThat(ran).isEqualTo(2);
    assertThat(suppressedMaxAttempts).isEqualTo(1);
    assertThat(reopened.actions()).hasSize(1);
  }

  @Test
  void budgetLimitsActionsAcrossAllProblems() {
    PolicyPlanner tight =
        new PolicyPlanner(List.of(MEMORY), new Guards(Duration.ZERO, 3, 2, Duration.ofMinutes(1)));

    Plan plan =
        tight.plan(
            new CycleContext(1, T0, Mode.ACTIVE),
            List.of(
                anomaly("a", "memory_pressure"),
                anomaly("b", "memory_pressure"),
                anomaly("c", "memory_pressure")));
    Plan later =
        tight.plan(
            new CycleContext(2, T0.plusSeconds(61), Mode.ACTIVE),
            List.of(anomaly("c", "memory_pressure")));

    assertThat(plan.actions()).extracting(Action::target).containsExactly("a", "b");
    assertThat(plan.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.guard()).isEqualTo("budget");
              assertThat(s.action().target()).isEqualTo("c");
              assertThat(s.reason())
                  .isEqualTo("2 actions within the last 60s; the budget allows 2");
            });
    assertThat(later.actions()).extracting(Action::target).containsExactly("c");
  }

  @Test
  void recoveryStepsRunOnceWhenAProblemThatWasActedOnClears() {
    planAt(Duration.ZERO, anomaly("self", "saturation"));

    Plan cleared = planAt(Duration.ofSeconds(5));
    Plan quiet = planAt(Duration.ofSeconds(10));

    assertThat(cleared.actions())
        .singleElement()
        .satisfies(
            action -> {
              assertThat(action.kind()).isEqualTo("readiness");
              assertThat(action.params()).containsEntry("state", "in");
              assertThat(action.recovery()).isTrue();
              assertThat(action.reason()).isEqualTo("saturation on self cleared after 5s");
            });
    assertThat(quiet.actions()).isEmpty();
    assertThat(planner.openProblems()).isZero();
  }

  @Test
  void theRecoveryListenerHearsHowLongAnActedOnProblemLasted() {
    List<String> heard = new java.util.ArrayList<>();
    PolicyPlanner listening =
        new PolicyPlanner(
            List.of(SATURATION), guards, (t, s, took) -> heard.add(t + "/" + s + " " + took));
    listening.plan(new CycleContext(1, T0, Mode.ACTIVE), List.of(anomaly("self", "saturation")));
    listening.plan(
        new CycleContext(2, T0.plusSeconds(5), Mode.ACTIVE),
        List.of(anomaly("self", "saturation")));

    listening.plan(new CycleContext(3, T0.plusSeconds(12), Mode.ACTIVE), List.of());

    assertThat(heard).containsExactly("self/saturation PT12S");
  }

  @Test
  void noRecoveryWhenNothingRanForTheProblem() {
    PolicyPlanner blocked =
        new PolicyPlanner(
            List.of(SATURATION), new Guards(Duration.ZERO, 1, 1, Duration.ofHours(1)));
    blocked.plan(new CycleContext(1, T0, Mode.ACTIVE), List.of(anomaly("self", "saturation")));
    blocked.plan(new CycleContext(2, T0.plusSeconds(1), Mode.ACTIVE), List.of());
    // the budget (1 per hour) is used up, so the second episode's step is suppressed
    Plan second =
        blocked.plan(
            new CycleContext(3, T0.plusSeconds(2), Mode.ACTIVE),
            List.of(anomaly("self", "saturation")));

    Plan cleared = blocked.plan(new CycleContext(4, T0.plusSeconds(3), Mode.ACTIVE), List.of());

    assertThat(second.actions()).isEmpty();
    assertThat(cleared.actions()).isEmpty();
  }

  @Test
  void aProblemWithoutAMatchingPolicyIsIgnored() {
    Plan plan = planAt(Duration.ZERO, anomaly("db", "saturation"), anomaly("api", "unknown"));

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.suppressed()).isEmpty();
    assertThat(planner.openProblems()).isZero();
  }

  @Test
  void theStrongestAnomalyOfAProblemJustifiesTheAction() {
    Anomaly weak =
        withReason(anomaly("api", "memory_pressure", Severity.WARNING, 0.9), "gc ratio high");
    Anomaly strong =
        withReason(anomaly("api", "memory_pressure", Severity.CRITICAL, 0.2), "heap nearly full");

    Plan plan = planAt(Duration.ZERO, weak, strong);

    assertThat(plan.actions()).hasSize(1);
    assertThat(plan.actions().get(0).reason()).endsWith("heap nearly full");
  }

  private static Anomaly withReason(Anomaly anomaly, String reason) {
    io.x0tta6bl4.mapek.Evidence e = anomaly.evidence();
    return new Anomaly(
        anomaly.target(),
        anomaly.symptom(),
        anomaly.severity(),
        anomaly.score(),
        new io.x0tta6bl4.mapek.Evidence(
            e.detector(),
            e.series(),
            e.value(),
            e.expected(),
            e.bound(),
            e.since(),
            e.recent(),
            reason));
  }

  @Test
  void dryRunDecisionsDoNotDelayRealActionsAfterTheModeChanges() {
    Plan rehearsal = planAt(Duration.ZERO, Mode.DRY_RUN, anomaly("api", "memory_pressure"));
    Plan real = planAt(Duration.ofSeconds(5), Mode.ACTIVE, anomaly("api", "memory_pressure"));

    assertThat(rehearsal.mode()).isEqualTo(Mode.DRY_RUN);
    assertThat(rehearsal.actions()).extracting(Action::kind).containsExactly("gc");
    assertThat(real.mode()).isEqualTo(Mode.ACTIVE);
    assertThat(real.actions()).extracting(Action::kind).containsExactly("gc");
  }

  @Test
  void aRealActionTakenBeforeARehearsalStillGetsItsRecoveryAfterIt() {
    Plan out = planAt(Duration.ZERO, Mode.ACTIVE, anomaly("self", "saturation"));
    Plan rehearsal = planAt(Duration.ofSeconds(5), Mode.DRY_RUN, anomaly("self", "saturation"));
    Plan cleared = planAt(Duration.ofSeconds(10), Mode.ACTIVE);

    assertThat(out.actions()).extracting(a -> a.params().get("state")).containsExactly("out");
    assertThat(rehearsal.actions()).extracting(a -> a.params().get("state")).containsExactly("out");
    assertThat(cleared.mode()).isEqualTo(Mode.ACTIVE);
    assertThat(cleared.actions()).extracting(a -> a.params().get("state")).containsExactly("in");
  }

  @Test
  void realCooldownsSurviveARehearsal() {
    planAt(Duration.ZERO, Mode.ACTIVE, anomaly("api", "memory_pressure"));
    planAt(Duration.ofSeconds(1), Mode.DRY_RUN);
    planAt(Duration.ofSeconds(2), Mode.ACTIVE);

    Plan again = planAt(Duration.ofSeconds(3), Mode.ACTIVE, anomaly("api", "memory_pressure"));

    assertThat(again.actions()).isEmpty();
    assertThat(again.suppressed()).extracting(s -> s.guard()).containsExactly("cooldown");
  }

  @Test
  void anIncidentMovesThroughDetectedRemediatingVerifyingAndResolved() {
    Plan detected = planAt(Duration.ZERO, anomaly("api", "memory_pressure"));
    Plan verifying = planAt(Duration.ofSeconds(5), anomaly("api", "memory_pressure"));
    Plan quiet = planAt(Duration.ofSeconds(10), anomaly("api", "memory_pressure"));
    Plan resolved = planAt(Duration.ofSeconds(15));

    assertThat(detected.incidents())
        .extracting(IncidentEvent::state)
        .containsExactly(IncidentState.DETECTED, IncidentState.REMEDIATING);
    IncidentEvent first = detected.incidents().get(0);
    assertThat(first.incidentId()).isEqualTo("1-api-memory_pressure");
    assertThat(first.onset()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(detected.incidents().get(1).actionId()).isEqualTo(detected.actions().get(0).id());
    assertThat(verifying.incidents())
        .extracting(IncidentEvent::state)
        .containsExactly(IncidentState.VERIFYING);
    assertThat(quiet.incidents()).isEmpty();
    assertThat(resolved.incidents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(IncidentState.RESOLVED);
              assertThat(e.incidentId()).isEqualTo("1-api-memory_pressure");
              assertThat(e.note()).isEqualTo("memory_pressure on api cleared after 15s");
            });
  }

  @Test
  void anIncidentIsEscalatedWhenItsLastStepDidNotClearTheSymptom() {
    planAt(Duration.ZERO, anomaly("self", "saturation"));
    Plan stillThere = planAt(Duration.ofSeconds(30), anomaly("self", "saturation"));
    Plan escalated = planAt(Duration.ofSeconds(60), anomaly("self", "saturation"));
    Plan later = planAt(Duration.ofMinutes(10), anomaly("self", "saturation"));

    assertThat(stillThere.actions()).isEmpty();
    assertThat(escalated.actions()).isEmpty();
    assertThat(escalated.incidents())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.state()).isEqualTo(IncidentState.ESCALATED);
              assertThat(e.note())
                  .isEqualTo(
                      "the last step of policy shed-load ran and saturation has not cleared");
            });
    assertThat(later.actions()).isEmpty();
    assertThat(later.incidents()).isEmpty();
  }

  @Test
  void anAdaptivePolicyTriesTheStepWithTheBestSuccessRateFirstAndSaysWhy() {
    Policy adaptive =
        new Policy(
            "heal-db",
            "target_down",
            "*",
            List.of(
                Step.of("webhook", Map.of(), null),
                Step.of("kubernetes", Map.of(), null),
                Step.of("command", Map.of(), null)),
            Duration.ofMinutes(1),
            List.of(),
            "adaptive");
    List<Knowledge.SuccessRate> rates =
        List.of(
            new Knowledge.SuccessRate("target_down", "command", 10, 9, 0.9),
            new Knowledge.SuccessRate("target_down", "kubernetes", 3, 1, 1.0 / 3),
            new Knowledge.SuccessRate("latency_high", "webhook", 5, 5, 1.0));
    PolicyPlanner learning =
        new PolicyPlanner(
            List.of(adaptive),
            guards,
            SafetyLimits.defaults(),
            TargetGroups.NONE,
            List.of(),
            RecoveryListener.NONE,
            () -> rates);

    Plan plan =
        learning.plan(new CycleContext(1, T0, Mode.ACTIVE), List.of(anomaly("db", "target_down")));

    assertThat(plan.actions()).extracting(Action::kind).containsExactly("command");
    assertThat(plan.incidents().get(0).note())
        .endsWith(
            "; adaptive order by success rate: command 90% of 10, webhook no history (0.5 assumed),"
                + " kubernetes 33% of 3");
  }

  @Test
  void anOrderedPolicyKeepsItsWrittenOrderWhateverTheRates() {
    assertThat(
            StepOrder.of(
                    MEMORY,
                    "memory_pressure",
                    () ->
                        List.of(new Knowledge.SuccessRate("memory_pressure", "webhook", 9, 9, 1.0)))
                .steps())
        .extracting(Step::action)
        .containsExactly("gc", "webhook");
    assertThatThrownBy(
            () ->
                new Policy(
                    "p", "s", "*", List.of(Step.of("log", Map.of(), null)), null, null, "random"))
        .hasMessage("strategy of policy 'p' must be ordered or adaptive, but was 'random'");
  }

  @Test
  void actionKindsListsEveryStepAndRecoveryKind() {
    assertThat(planner.actionKinds()).containsExactly("gc", "readiness", "webhook");
  }

  @Test
  void invalidPoliciesAndGuardsNameTheProblem() {
    assertThatThrownBy(() -> Policy.ordered("p", "s", "*", List.of(), null, null))
        .hasMessage("policy 'p' must have at least one step");
    assertThatThrownBy(() -> new Guards(Duration.ZERO, 0, 1, Duration.ofMinutes(1)))
        .hasMessage("max-attempts must be at least 1, but was 0");
    assertThatThrownBy(
            () ->
                new PlannerProperties(
                    Duration.ZERO, 1, 0, Duration.ofMinutes(1), List.of(), null, null, null))
        .hasMessage("x0tta6bl4.planner.budget must be at least 1, but was 0");
    assertThatThrownBy(
            () ->
                new PlannerProperties(
                    Duration.ZERO,
                    1,
                    1,
                    Duration.ofMinutes(1),
                    List.of(MEMORY, MEMORY),
                    null,
                    null,
                    null))
        .hasMessageContaining("'relieve-memory' appears twice");
    assertThatThrownBy(
            () ->
                new PlannerProperties(
                    Duration.ZERO,
                    1,
                    1,
                    Duration.ofMinutes(1),
                    List.of(),
                    null,
                    new PlannerProperties.BlastRadius(1, 1.5),
                    null))
        .hasMessage(
            "x0tta6bl4.planner.blast-radius.min-healthy must be between 0 and 1, but was 1.5");
  }
}
