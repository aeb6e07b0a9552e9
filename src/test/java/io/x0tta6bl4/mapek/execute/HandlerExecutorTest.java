package io.x0tta6bl4.mapek.execute;

import static io.x0tta6bl4.mapek.execute.TestActions.T0;
import static io.x0tta6bl4.mapek.execute.TestActions.action;
import static io.x0tta6bl4.mapek.execute.TestActions.cycle;
import static io.x0tta6bl4.mapek.execute.TestActions.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class HandlerExecutorTest {

  private final MutableClock clock = new MutableClock(T0);
  private final List<HandlerExecutor> executors = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void tearDown() {
    release.countDown();
    executors.forEach(HandlerExecutor::close);
  }

  private HandlerExecutor executor(Duration timeout, int maxConcurrent, ActionHandler... handlers) {
    HandlerExecutor executor =
        new HandlerExecutor(List.of(handlers), timeout, maxConcurrent, clock);
    executors.add(executor);
    return executor;
  }

  private HandlerExecutor executor(ActionHandler... handlers) {
    return executor(Duration.ofSeconds(10), 4, handlers);
  }

  @Test
  void dryRunRunsNothingAndSaysWhatItWouldDo() {
    Recording recording = new Recording("record");
    Action action = action("42-1", "record");

    List<Outcome> outcomes =
        executor(recording).execute(cycle(Mode.DRY_RUN), plan(Mode.DRY_RUN, action));

    assertThat(recording.runs).isEmpty();
    assertThat(outcomes)
        .singleElement()
        .satisfies(
            outcome -> {
              assertThat(outcome.status()).isEqualTo(OutcomeStatus.DRY_RUN);
              assertThat(outcome.attempts()).isZero();
              assertThat(outcome.message()).isEqualTo("dry-run: would run record on api");
              assertThat(outcome.startedAt()).isEqualTo(T0);
            });
  }

  @Test
  void aDryRunPlanRunsNothingEvenInAnActiveCycle() {
    Recording recording = new Recording("record");

    List<Outcome> outcomes =
        executor(recording)
            .execute(cycle(Mode.ACTIVE), plan(Mode.DRY_RUN, action("42-1", "record")));

    assertThat(recording.runs).isEmpty();
    assertThat(outcomes).extracting(Outcome::status).containsExactly(OutcomeStatus.DRY_RUN);
  }

  @Test
  void dryRunSaysWhenAnActionWouldFailForWantOfAHandler() {
    List<Outcome> outcomes =
        executor(new Recording("record"))
            .execute(cycle(Mode.DRY_RUN), plan(Mode.DRY_RUN, action("42-1", "reboot")));

    assertThat(outcomes)
        .singleElement()
        .satisfies(
            outcome -> {
              assertThat(outcome.status()).isEqualTo(OutcomeStatus.DRY_RUN);
              assertThat(outcome.message())
                  .isEqualTo("dry-run: would fail: no handler for action kind 'reboot'");
            });
  }

  @Test
  void activePlanRunsTheHandlerAndReportsItsResult() {
    Recording recording = new Recording("record");
    Action action = action("42-1", "record");

    List<Outcome> outcomes =
        executor(recording).execute(cycle(Mode.ACTIVE), plan(Mode.ACTIVE, action));

    assertThat(recording.runs).containsExactly(action);
    assertThat(outcomes)
        .singleElement()
        .satisfies(
            outcome -> {
              assertThat(outcome.actionId()).isEqualTo("42-1");
              assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
              assertThat(outcome.attempts()).isEqualTo(1);
              assertThat(outcome.message()).isEqualTo("recorded 42-1");
            });
  }

  @Test
  void unknownKindFailsWithoutRunningAnything() {
    Recording recording = new Recording("record");

    List<Outcome> outcomes =
        executor(recording)
            .execute(cycle(Mode.ACTIVE), plan(Mode.ACTIVE, action("42-1", "reboot")));

    assertThat(recording.runs).isEmpty();
    assertThat(outcomes)
        .singleElement()
        .satisfies(
            outcome -> {
              assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
              assertThat(outcome.attempts()).isZero();
              assertThat(outcome.message()).isEqualTo("no handler for action kind 'reboot'");
            });
  }

  @Test
  void handlerExceptionBecomesAFailedOutcomeNamingTheException() {
    ActionHandler broken =
        handler(
            "broken",
            action -> {
              throw new IllegalStateException("boom");
            });

    Outcome outcome = runOne(executor(broken), action("42-1", "broken"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.message()).isEqualTo("IllegalStateException: boom");
  }

  @Test
  void hugeExceptionMessagesAreBounded() {
    String huge = "x".repeat(10_000);
    ActionHandler broken =
        handler(
            "broken",
            action -> {
              throw new IllegalStateException(huge);
            });

    Outcome outcome = runOne(executor(broken), action("42-1", "broken"));

    assertThat(outcome.message())
        .startsWith("IllegalStateException: xxx")
        .hasSizeLessThanOrEqualTo(HandlerExecutor.MAX_FAILURE_MESSAGE);
  }

  @Test
  void terminalFailureKeepsTheHandlersMessageAndAttempts() {
    ActionHandler refusing =
        handler(
            "refusing",
            action -> {
              throw new TerminalActionException("POST x -> 403 after 1 attempt, not retried", 1);
            });

    Outcome outcome = runOne(executor(refusing), action("42-1", "refusing"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.message()).isEqualTo("POST x -> 403 after 1 attempt, not retried");
  }

  @Test
  void failedResultIsAFailedOutcomeNeverASuccess() {
    ActionHandler failing = handler("failing", action -> ActionResult.failed(4, "gave up"));

    Outcome outcome = runOne(executor(failing), action("42-1", "failing"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(4);
    assertThat(outcome.message()).isEqualTo("gave up");
  }

  @Test
  void handlerThatBlocksIsCancelledWithAnInterruptAndFails() throws InterruptedException {
    CountDownLatch interrupted = new CountDownLatch(1);
    ActionHandler blocking =
        handler(
            "block",
            action -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.countDown();
              }
              return ActionResult.succeeded(1, "should not be reported");
            });

    Outcome outcome =
        runOne(executor(Duration.ofMillis(200), 4, blocking), action("42-1", "block"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(outcome.message()).isEqualTo("timed out after 200ms");
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("handler was interrupted").isTrue();
  }

  @Test
  void actionsBeyondMaxConcurrentAreSkippedWhileAStubbornActionHoldsItsSlot()
      throws InterruptedException {
    CountDownLatch finished = new CountDownLatch(1);
    ActionHandler stubborn =
        handler(
            "stubborn",
            action -> {
              awaitIgnoringInterrupts(release);
              finished.countDown();
              return ActionResult.succeeded(1, "finally done");
            });
    Recording recording = new Recording("record");
    HandlerExecutor executor = executor(Duration.ofMillis(200), 1, stubborn, recording);

    List<Outcome> outcomes =
        executor.execute(
            cycle(Mode.ACTIVE),
            plan(Mode.ACTIVE, action("42-1", "stubborn"), action("42-2", "record")));

    assertThat(outcomes)
        .extracting(Outcome::status)
        .containsExactly(OutcomeStatus.FAILED, OutcomeStatus.SKIPPED);
    assertThat(outcomes.get(1).message()).isEqualTo("max-concurrent (1) actions already running");
    assertThat(outcomes.get(1).attempts()).isZero();
    assertThat(recording.runs).isEmpty();

    release.countDown();
    assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
    awaitFreeSlot(executor, recording);
    assertThat(recording.runs).extracting(Action::id).containsExactly("42-3");
  }

  /** The stubborn thread gives its slot back just after it counts down; wait for that. */
  private static void awaitFreeSlot(HandlerExecutor executor, Recording recording)
      throws InterruptedException {
    for (int i = 0; i < 1000; i++) {
      Outcome outcome = runOne(executor, action("42-3", "record"));
      if (outcome.status() == OutcomeStatus.SUCCEEDED) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("slot was never given back");
  }

  @Test
  void outcomesComeInPlanOrder() {
    Recording recording = new Recording("record");
    ActionHandler broken =
        handler(
            "broken",
            action -> {
              throw new IllegalArgumentException("bad");
            });
    HandlerExecutor executor = executor(recording, broken);

    List<Outcome> outcomes =
        executor.execute(
            cycle(Mode.ACTIVE),
            plan(
                Mode.ACTIVE,
                action("42-1", "record"),
                action("42-2", "unknown"),
                action("42-3", "broken"),
                action("42-4", "record")));

    assertThat(outcomes)
        .extracting(Outcome::actionId)
        .containsExactly("42-1", "42-2", "42-3", "42-4");
    assertThat(outcomes)
        .extracting(Outcome::status)
        .containsExactly(
            OutcomeStatus.SUCCEEDED,
            OutcomeStatus.FAILED,
            OutcomeStatus.FAILED,
            OutcomeStatus.SUCCEEDED);
    assertThat(recording.runs).extracting(Action::id).containsExactly("42-1", "42-4");
  }

  @Test
  void durationAndStartComeFromTheInjectedClock() {
    ActionHandler slow =
        handler(
            "slow",
            action -> {
              clock.advance(Duration.ofSeconds(3));
              return ActionResult.succeeded(1, "done");
            });

    Outcome outcome = runOne(executor(slow), action("42-1", "slow"));

    assertThat(outcome.startedAt()).isEqualTo(T0);
    assertThat(outcome.duration()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void handlersRunOnNamedDaemonWorkersWithTheCycleInTheMdc() {
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    ActionHandler probe =
        handler(
            "probe",
            action -> {
              Thread thread = Thread.currentThread();
              seen.add(thread.getName() + " daemon=" + thread.isDaemon());
              seen.add(MDC.get("cycleId") + " " + MDC.get("target") + " " + MDC.get("actionId"));
              return ActionResult.succeeded(1, "ok");
            });

    runOne(executor(probe), action("42-1", "probe"));

    assertThat(seen.get(0)).matches("action-\\d+ daemon=true");
    assertThat(seen.get(1)).isEqualTo("42 api 42-1");
  }

  @Test
  void anInterruptedCallerRunsNoFurtherActions() {
    Recording recording = new Recording("record");
    HandlerExecutor executor = executor(recording);

    Thread.currentThread().interrupt();
    List<Outcome> outcomes;
    try {
      outcomes =
          executor.execute(
              cycle(Mode.ACTIVE),
              plan(Mode.ACTIVE, action("42-1", "record"), action("42-2", "record")));
    } finally {
      Thread.interrupted();
    }

    assertThat(recording.runs).isEmpty();
    assertThat(outcomes)
        .extracting(Outcome::status)
        .containsExactly(OutcomeStatus.SKIPPED, OutcomeStatus.SKIPPED);
  }

  @Test
  void aClosedExecutorFailsActionsInsteadOfRunningThem() {
    Recording recording = new Recording("record");
    HandlerExecutor executor = executor(recording);
    executor.close();

    Outcome outcome = runOne(executor, action("42-1", "record"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message()).isEqualTo("executor is closed");
    assertThat(recording.runs).isEmpty();
  }

  @Test
  void twoHandlersForOneKindAreRejected() {
    assertThatThrownBy(() -> executor(new Recording("log"), new LogActionHandler()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two handlers for action kind 'log'");
  }

  @Test
  void logHandlerSucceedsWithLogged() {
    Outcome outcome =
        runOne(
            executor(new LogActionHandler()),
            action("42-1", "log", Map.of("note", "heap pressure")));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.message()).isEqualTo("logged");
  }

  private static Outcome runOne(HandlerExecutor executor, Action action) {
    return executor.execute(cycle(Mode.ACTIVE), plan(Mode.ACTIVE, action)).get(0);
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch) {
    boolean interrupted = false;
    while (latch.getCount() > 0) {
      try {
        latch.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  interface Body {
    ActionResult run(Action action) throws Exception;
  }

  private static ActionHandler handler(String kind, Body body) {
    return new ActionHandler() {
      @Override
      public String kind() {
        return kind;
      }

      @Override
      public ActionResult run(Action action, CycleContext cycle) throws Exception {
        return body.run(action);
      }
    };
  }

  /** Records the actions it ran. */
  static final class Recording implements ActionHandler {
    final List<Action> runs = Collections.synchronizedList(new ArrayList<>());
    private final String kind;

    Recording(String kind) {
      this.kind = kind;
    }

    @Override
    public String kind() {
      return kind;
    }

    @Override
    public ActionResult run(Action action, CycleContext cycle) {
      runs.add(action);
      return ActionResult.succeeded(1, "recorded " + action.id());
    }
  }
}
