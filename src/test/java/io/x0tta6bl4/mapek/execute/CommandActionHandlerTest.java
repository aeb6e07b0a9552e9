package io.x0tta6bl4.mapek.execute;

import static io.x0tta6bl4.mapek.execute.TestActions.T0;
import static io.x0tta6bl4.mapek.execute.TestActions.cycle;
import static io.x0tta6bl4.mapek.execute.TestActions.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Outcome;
import io.x0tta6bl4.mapek.OutcomeStatus;
import io.x0tta6bl4.testsupport.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs real processes (sh, printf, env, sleep); never through a shell the handler adds. */
class CommandActionHandlerTest {

  private static final Map<String, String> ENVIRONMENT =
      Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp", "LANG", "C");
  private static final Duration SHORT_GRACE = Duration.ofMillis(300);

  @TempDir Path dir;

  private final List<HandlerExecutor> executors = new ArrayList<>();
  private final List<Long> pidsToReap = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    executors.forEach(HandlerExecutor::close);
    pidsToReap.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
  }

  private static CommandActionHandler handler(ExecutorProperties.Command settings) {
    return new CommandActionHandler(settings, Duration.ofSeconds(30), ENVIRONMENT, SHORT_GRACE);
  }

  private static CommandActionHandler handler() {
    return handler(ExecutorProperties.Command.defaults());
  }

  private static Action command(String... argv) {
    return command(Map.of(), argv);
  }

  private static Action command(Map<String, String> extra, String... argv) {
    Map<String, String> params = new LinkedHashMap<>(extra);
    for (int i = 0; i < argv.length; i++) {
      params.put("argv." + i, argv[i]);
    }
    return TestActions.action("42-1", CommandActionHandler.KIND, params);
  }

  private Outcome run(CommandActionHandler handler, Action action) {
    HandlerExecutor executor =
        new HandlerExecutor(List.of(handler), Duration.ofSeconds(30), 2, new MutableClock(T0));
    executors.add(executor);
    return executor.execute(cycle(Mode.ACTIVE), plan(Mode.ACTIVE, action)).get(0);
  }

  private long awaitPid(Path pidFile) throws IOException, InterruptedException {
    for (int i = 0; i < 1000; i++) {
      if (Files.exists(pidFile) && Files.readString(pidFile).endsWith("\n")) {
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        pidsToReap.add(pid);
        return pid;
      }
      Thread.sleep(10);
    }
    return fail("no pid in " + pidFile);
  }

  /**
   * Whether {@code pid} still runs. An orphan that was killed stays a zombie until PID 1 reaps it,
   * which the JDK reports as alive: a zombie has exited, so it counts as not running.
   */
  private static boolean alive(long pid) throws IOException {
    if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      return false;
    }
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return false;
    }
    String text = Files.readString(stat);
    char state = text.charAt(text.lastIndexOf(") ") + 2);
    return state != 'Z' && state != 'X';
  }

  @Test
  void argumentsReachTheProgramVerbatimAndNoShellInterpretsThem() throws IOException {
    Path keep = Files.createFile(dir.resolve("keep"));
    Path pwned = dir.resolve("pwned");
    String target = "api's \"checkout\" svc";

    Outcome outcome =
        run(
            handler(),
            command(
                "printf",
                "[%s]",
                "${target}".replace("${target}", target),
                "$(touch " + pwned + ")",
                "; rm -rf " + keep,
                "`id`",
                "$HOME *"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.message())
        .isEqualTo(
            "exit 0: [api's \"checkout\" svc][$(touch "
                + pwned
                + ")][; rm -rf "
                + keep
                + "][`id`][$HOME *]");
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThat(pwned).doesNotExist();
    assertThat(keep).exists();
  }

  @Test
  void nonZeroExitFailsTerminallyWithTheExitCodeAndTheTail() {
    Action action = command("sh", "-c", "echo about to fail; echo no such unit >&2; exit 3");

    Outcome outcome = run(handler(), action);

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message()).isEqualTo("exit 3: about to fail no such unit");
    assertThat(outcome.attempts()).isEqualTo(1);
    assertThatThrownBy(() -> handler().run(action, cycle(Mode.ACTIVE)))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("exit 3: about to fail no such unit");
  }

  @Test
  void missingProgramFailsTerminallyAndIsNeverReportedAsSuccess() {
    Outcome outcome = run(handler(), command("x0tta6bl4-no-such-tool", "restart"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message()).isEqualTo("program 'x0tta6bl4-no-such-tool' not found on PATH");
    assertThat(outcome.attempts()).isZero();
    assertThatThrownBy(() -> handler().run(command("/nonexistent/tool"), cycle(Mode.ACTIVE)))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("program '/nonexistent/tool' not found");
  }

  @Test
  void fileThatIsNotExecutableIsRefused() throws IOException {
    Path script = Files.writeString(dir.resolve("script"), "#!/bin/sh\necho hi\n");

    Outcome outcome = run(handler(), command(script.toString()));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message()).isEqualTo("program '" + script + "' is not executable");
  }

  @Test
  void workdirAndOwnTimeoutAreUsed() throws IOException {
    Path work = Files.createDirectory(dir.resolve("work"));

    Outcome outcome =
        run(handler(), command(Map.of("workdir", work.toString(), "timeout", "5s"), "pwd"));

    assertThat(outcome.message()).isEqualTo("exit 0: " + work);
  }

  @Test
  void timeoutKillsTheProcessAndTheChildItStarted() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Action action =
        command(
            Map.of("timeout", "1s"),
            "sh",
            "-c",
            "sleep 60 & echo $! > " + pidFile + "; echo started; wait");

    Outcome outcome = run(handler(), action);

    long child = awaitPid(pidFile);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(outcome.message()).isEqualTo("timed out after 1s: started");
    assertThat(alive(child)).as("child sleep %d", child).isFalse();
  }

  @Test
  void processThatIgnoresSigtermIsKilledAfterTheGrace() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Action action =
        command(
            Map.of("timeout", "500ms"),
            "sh",
            "-c",
            "trap '' TERM; sleep 60 & echo $! > " + pidFile + "; wait; wait");

    Outcome outcome = run(handler(), action);

    long child = awaitPid(pidFile);
    assertThat(outcome.message()).isEqualTo("timed out after 500ms");
    assertThat(alive(child)).as("child sleep %d", child).isFalse();
  }

  @Test
  void backgroundChildIsLeftRunningAndDoesNotHoldTheResultBack() throws Exception {
    Path pidFile = dir.resolve("daemon.pid");
    Action action = command("sh", "-c", "sleep 60 & echo $! > " + pidFile + "; echo started");

    Outcome outcome = run(handler(), action);

    long daemon = awaitPid(pidFile);
    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.message()).isEqualTo("exit 0: started");
    assertThat(alive(daemon)).as("background sleep %d", daemon).isTrue();
  }

  @Test
  void commandNeverRunsLongerThanTheActionTimeout() {
    CommandActionHandler handler =
        new CommandActionHandler(
            ExecutorProperties.Command.defaults(),
            Duration.ofMillis(300),
            ENVIRONMENT,
            SHORT_GRACE);

    assertThatThrownBy(
            () -> handler.run(command(Map.of("timeout", "1h"), "sleep", "60"), cycle(Mode.ACTIVE)))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("timed out after 300ms");
  }

  @Test
  void chattyProcessIsNotBlockedAndOnlyTheEndOfItsOutputIsKept() {
    // 1 MB is far more than a pipe holds: without a reader the process would block until killed
    Action action =
        command("sh", "-c", "head -c 1048576 /dev/zero | tr '\\0' x; echo; echo the-end");

    Outcome outcome = run(handler(), action);

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.message())
        .startsWith("exit 0: …xxx")
        .endsWith("xxx the-end")
        .hasSize(CommandOutput.MAX_MESSAGE);
  }

  @Test
  void programOffTheAllowListIsRefusedBeforeAnythingStarts() {
    Path touched = dir.resolve("touched");
    CommandActionHandler handler =
        handler(
            new ExecutorProperties.Command(
                Duration.ofSeconds(30), 2000, List.of("printf", "/usr/bin/env")));

    Outcome refused = run(handler, command("touch", touched.toString()));
    Outcome pathOfAllowedName = run(handler, command("/usr/bin/printf", "x"));

    assertThat(refused.status()).isEqualTo(OutcomeStatus.FAILED);
    assertThat(refused.message())
        .isEqualTo("program 'touch' is not in x0tta6bl4.executor.command.allowed-programs");
    assertThat(refused.attempts()).isZero();
    assertThat(touched).doesNotExist();
    assertThat(pathOfAllowedName.message())
        .isEqualTo(
            "program '/usr/bin/printf' is not in x0tta6bl4.executor.command.allowed-programs");
    assertThat(run(handler, command("printf", "ok")).message()).isEqualTo("exit 0: ok");
    assertThat(run(handler, command("env")).status()).isEqualTo(OutcomeStatus.SUCCEEDED);
  }

  @Test
  void argumentWithALineBreakOrNulIsRefused() {
    assertThat(run(handler(), command("printf", "a\nb")).message())
        .isEqualTo("params.argv.1 must not contain a line break");
    assertThat(run(handler(), command("printf", "a\0b")).message())
        .isEqualTo("params.argv.1 must not contain a NUL character");
  }

  @Test
  void secretsAreNotPassedToTheCommand() {
    Map<String, String> environment = new LinkedHashMap<>(ENVIRONMENT);
    environment.put("API_TOKEN", "t0ken-value");
    environment.put("DB_Password", "pw-value");
    environment.put("webhook_secret", "secret-value");
    environment.put("AWS_ACCESS_KEY_ID", "key-value");
    CommandActionHandler handler =
        new CommandActionHandler(
            ExecutorProperties.Command.defaults(), Duration.ofSeconds(30), environment);

    Outcome outcome = run(handler, command("env"));

    assertThat(outcome.status()).isEqualTo(OutcomeStatus.SUCCEEDED);
    assertThat(outcome.message())
        .contains("PATH=/usr/bin:/bin", "HOME=/tmp", "LANG=C")
        .doesNotContain("t0ken", "pw-value", "secret-value", "key-value", "TOKEN", "AWS");
    assertThat(outcome.message().split(" ")).hasSize(5);
  }

  @Test
  void interruptingTheWorkerKillsTheProcess() throws Exception {
    Path pidFile = dir.resolve("sleeper.pid");
    Action action = command("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 60");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread worker =
        new Thread(
            () -> {
              try {
                handler().run(action, cycle(Mode.ACTIVE));
              } catch (Throwable e) {
                thrown.set(e);
              }
            });
    worker.start();
    long pid = awaitPid(pidFile);

    worker.interrupt();
    worker.join();

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(alive(pid)).isFalse();
  }

  @Test
  void executorTimeoutKillsTheProcess() throws Exception {
    Path pidFile = dir.resolve("sleeper.pid");
    HandlerExecutor executor =
        new HandlerExecutor(
            List.of(
                new CommandActionHandler(
                    ExecutorProperties.Command.defaults(),
                    Duration.ofMinutes(1),
                    ENVIRONMENT,
                    SHORT_GRACE)),
            Duration.ofSeconds(1),
            1,
            new MutableClock(T0));
    executors.add(executor);
    Action action = command("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 60");

    Outcome outcome = executor.execute(cycle(Mode.ACTIVE), plan(Mode.ACTIVE, action)).get(0);

    long pid = awaitPid(pidFile);
    assertThat(outcome.message()).isEqualTo("timed out after 1s");
    // the executor returns at its timeout; the worker kills the process right after
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
    assertThat(alive(pid)).isFalse();
  }
}
