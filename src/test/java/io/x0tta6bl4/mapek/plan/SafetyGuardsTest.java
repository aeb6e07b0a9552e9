package io.x0tta6bl4.mapek.plan;

import static io.x0tta6bl4.testsupport.Anomalies.anomaly;
import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.SuppressedAction;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The circuit breaker per target, the blast radius per group, and escalation to a person. */
class SafetyGuardsTest {

  private static final Instant T0 = Instant.parse("2026-11-24T08:00:00Z");
  private static final Policy RESTART =
      Policy.ordered(
          "restart",
          "target_down",
          "*",
          // ten restarts in a row, so only the guards under test stop them
          java.util.Collections.nCopies(10, Step.of("command", Map.of(), Duration.ZERO)),
          Duration.ZERO,
          List.of());
  private static final Step PAGE =
      Step.of("webhook", Map.of("url", "http://pager/{{target}}"), null);

  /** web-1..web-4 form the group "web". */
  private static final TargetGroups WEB =
      new TargetGroups() {
        @Override
        public Optional<String> groupOf(String target) {
          return target.startsWith("web-") ? Optional.of("web") : Optional.empty();
        }

        @Override
        public int size(String group) {
          return "web".equals(group) ? 4 : 0;
        }
      };

  private long cycle;

  private PolicyPlanner planner(SafetyLimits limits) {
    return new PolicyPlanner(
        List.of(RESTART),
        new Guards(Duration.ZERO, 100, 1000, Duration.ofMinutes(1)),
        limits,
        WEB,
        List.of(PAGE),
        RecoveryListener.NONE);
  }

  private Plan plan(PolicyPlanner planner, Duration at, Anomaly... anomalies) {
    return planner.plan(new CycleContext(++cycle, T0.plus(at), Mode.ACTIVE), List.of(anomalies));
  }

  @Test
  void theCircuitOpensAfterTooManyActionsOnATargetAndThePlannerEscalatesOnce() {
    PolicyPlanner planner = planner(new SafetyLimits(3, Duration.ofMinutes(10), 1, 0));
    int restarts = 0;
    int pages = 0;
    SuppressedAction opened = null;
    for (int i = 0; i < 10; i++) {
      Plan plan = plan(planner, Duration.ofSeconds(i), anomaly("db", "target_down"));
      restarts += (int) plan.actions().stream().filter(a -> a.kind().equals("command")).count();
      pages +=
          (int) plan.actions().stream().filter(a -> a.step() == Action.ESCALATION_STEP).count();
      if (opened == null && !plan.suppressed().isEmpty()) {
        opened = plan.suppressed().get(0);
      }
    }

    assertThat(restarts).isEqualTo(3);
    assertThat(pages).isEqualTo(1);
    assertThat(opened.guard()).isEqualTo("circuit-breaker");
    assertThat(opened.reason())
        .isEqualTo(
            "3 actions on db within 600s; the circuit is open for 597s more: a person should look");
  }

  @Test
  void anEscalatedIncidentIsLeftAloneAndTheCircuitClosesWhenItsWindowHasPassed() {
    PolicyPlanner planner = planner(new SafetyLimits(2, Duration.ofMinutes(10), 1, 0));
    plan(planner, Duration.ZERO, anomaly("db", "target_down"));
    plan(planner, Duration.ofSeconds(1), anomaly("db", "target_down"));
    Plan open = plan(planner, Duration.ofSeconds(2), anomaly("db", "target_down"));
    Plan leftAlone = plan(planner, Duration.ofSeconds(3), anomaly("db", "target_down"));
    plan(planner, Duration.ofSeconds(4));
    Plan reopenedWhileOpen = plan(planner, Duration.ofMinutes(5), anomaly("db", "target_down"));
    plan(planner, Duration.ofMinutes(6));

    Plan afterWindow = plan(planner, Duration.ofMinutes(11), anomaly("db", "target_down"));

    assertThat(open.actions()).extracting(Action::kind).containsExactly("webhook");
    assertThat(leftAlone.actions()).isEmpty();
    assertThat(reopenedWhileOpen.actions()).extracting(Action::kind).containsExactly("webhook");
    assertThat(afterWindow.actions()).extracting(Action::kind).containsExactly("command");
  }

  @Test
  void escalationStepsAreAmongTheKindsWiringChecks() {
    assertThat(planner(SafetyLimits.defaults()).actionKinds())
        .containsExactly("command", "webhook");
  }

  @Test
  void onlyOneMemberOfAGroupIsRemediatedAtATime() {
    PolicyPlanner planner = planner(new SafetyLimits(100, Duration.ofMinutes(10), 1, 0.5));

    Plan plan =
        plan(
            planner,
            Duration.ZERO,
            anomaly("web-1", "target_down"),
            anomaly("web-2", "target_down"),
            anomaly("api", "target_down"));
    Plan whileFirstIsRemediated =
        plan(
            planner,
            Duration.ofSeconds(1),
            anomaly("web-1", "target_down"),
            anomaly("web-2", "target_down"));
    Plan afterFirstRecovered =
        plan(planner, Duration.ofSeconds(2), anomaly("web-2", "target_down"));

    assertThat(plan.actions()).extracting(Action::target).containsExactly("web-1", "api");
    assertThat(plan.suppressed())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.guard()).isEqualTo("blast-radius");
              assertThat(s.action().target()).isEqualTo("web-2");
              assertThat(s.reason())
                  .startsWith("group web: [web-1] already being remediated of 4 members");
            });
    assertThat(whileFirstIsRemediated.actions())
        .extracting(Action::target)
        .containsExactly("web-1");
    assertThat(afterFirstRecovered.actions()).extracting(Action::target).containsExactly("web-2");
  }

  @Test
  void aGroupKeepsItsHealthyShareEvenWhenMoreAtOnceWouldBeAllowed() {
    PolicyPlanner planner = planner(new SafetyLimits(100, Duration.ofMinutes(10), 4, 0.5));

    Plan plan =
        plan(
            planner,
            Duration.ZERO,
            anomaly("web-1", "target_down"),
            anomaly("web-2", "target_down"),
            anomaly("web-3", "target_down"));

    assertThat(plan.actions()).extracting(Action::target).containsExactly("web-1", "web-2");
    assertThat(plan.suppressed()).extracting(s -> s.action().target()).containsExactly("web-3");
  }
}
