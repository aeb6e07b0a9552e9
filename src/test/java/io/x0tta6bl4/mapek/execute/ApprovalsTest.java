package io.x0tta6bl4.mapek.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApprovalsTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T08:00:00Z"));
  private final Map<String, Outcome> completed = new ConcurrentHashMap<>();
  private final AtomicInteger runs = new AtomicInteger();
  private final ActionHandler restart =
      new ActionHandler() {
        @Override
        public String kind() {
          return "command";
        }

        @Override
        public ActionResult run(Action action, CycleContext cycle) {
          runs.incrementAndGet();
          return new ActionResult(true, 1, "exit 0");
        }
      };
  private final HandlerExecutor executor =
      new HandlerExecutor(
          List.of(restart),
          Duration.ofSeconds(5),
          2,
          clock,
          new Approvals(
              Duration.ofMinutes(15), (id, outcome) -> completed.put(id, outcome) == null));

  @AfterEach
  void close() {
    executor.close();
  }

  private static Action restart(String id) {
    return new Action(id, "command", "db", Map.of(), "p", 0, "target_down", "down", true);
  }

  private List<Outcome> cycle(long id, Action... actions) {
    CycleContext context = new CycleContext(id, clock.instant(), Mode.ACTIVE);
    return executor.execute(context, new Plan(id, Mode.ACTIVE, List.of(actions), List.of()));
  }

  @Test
  void anActionThatNeedsApprovalWaitsAndDoesNotRun() {
    List<Outcome> outcomes = cycle(1, restart("1-1"));

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.status()).isEqualTo(OutcomeStatus.AWAITING_APPROVAL);
              assertThat(o.message())
                  .contains("until 2026-11-24T08:15:00Z")
                  .contains("/api/v1/actions/1-1/approve");
            });
    assertThat(runs).hasValue(0);
    assertThat(executor.pendingApprovals()).extracting(p -> p.action().id()).containsExactly("1-1");
  }

  @Test
  void approvingRunsItNowAndRecordsTheOutcome() {
    cycle(1, restart("1-1"));

    Outcome outcome = executor.approve("1-1");

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(runs).hasValue(1);
    assertThat(completed).containsEntry("1-1", outcome);
    assertThat(executor.pendingApprovals()).isEmpty();
    assertThatThrownBy(() -> executor.approve("1-1"))
        .isInstanceOf(NotAwaitingApprovalException.class)
        .hasMessage("action 1-1 is not waiting for approval");
  }

  @Test
  void rejectingSkipsItWithTheReason() {
    cycle(1, restart("1-1"));

    Outcome outcome = executor.reject("1-1", "maintenance window");

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(outcome.message()).isEqualTo("rejected: maintenance window");
    assertThat(runs).hasValue(0);
    assertThat(completed.get("1-1")).isEqualTo(outcome);
  }

  @Test
  void anUnapprovedActionExpiresInALaterCycle() {
    cycle(1, restart("1-1"));
    clock.advance(Duration.ofMinutes(14));
    cycle(2);
    assertThat(completed).isEmpty();

    clock.advance(Duration.ofMinutes(1));
    cycle(3);

    assertThat(completed.get("1-1").status()).isEqualTo(OutcomeStatus.SKIPPED);
    assertThat(completed.get("1-1").message()).isEqualTo("approval expired after 900s");
    assertThat(runs).hasValue(0);
    assertThatThrownBy(() -> executor.approve("1-1"))
        .isInstanceOf(NotAwaitingApprovalException.class);
  }

  @Test
  void dryRunNeverParksAnAction() {
    CycleContext context = new CycleContext(1, clock.instant(), Mode.DRY_RUN);
    List<Outcome> outcomes =
        executor.execute(context, new Plan(1, Mode.DRY_RUN, List.of(restart("1-1")), List.of()));

    assertThat(outcomes.get(0).status()).isEqualTo(OutcomeStatus.DRY_RUN);
    assertThat(executor.pendingApprovals()).isEmpty();
  }
}
