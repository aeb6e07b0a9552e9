package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code command}: runs a program with its arguments, directly and never through a shell, and
 * reports its exit code with the end of its output.
 *
 * <p>Parameters ({@code Action.params}, after the Planner substituted {@code ${target}} and {@code
 * ${symptom}} into each value):
 *
 * <ul>
 *   <li>{@code argv.0}, {@code argv.1}, … — the program and its arguments, numbered without gaps,
 *       at most {@value CommandParams#MAX_ARGS}, each at most {@value CommandParams#MAX_ARG_LENGTH}
 *       characters, without NUL or line breaks. A YAML list under {@code params.argv} binds to
 *       exactly these keys. Each value is one argument however many spaces, quotes or {@code $(…)}
 *       it holds, so a substituted value can never split into two. A single {@code argv} value
 *       (such as a JSON array in a string) is refused.
 *   <li>{@code workdir} — optional absolute path of an existing directory to run in.
 *   <li>{@code timeout} — optional, such as {@code 30s}, {@code 500ms} or {@code PT1M}; defaults to
 *       {@code x0tta6bl4.executor.command.timeout}. Whichever is shorter of it and the executor's
 *       {@code action-timeout} applies.
 * </ul>
 *
 * <p>{@code argv.0} is an absolute path or a bare name looked up on {@code PATH} (see {@link
 * Programs}); a program that is missing, not executable or not on a non-empty {@code
 * allowed-programs} list fails terminally before anything starts. The process gets the controller's
 * environment minus every variable whose name contains {@code SECRET}, {@code TOKEN}, {@code
 * PASSWORD} or {@code KEY} (in any case), and a closed stdin. Its stdout and stderr are merged and
 * drained on a thread of their own; the last {@code output-tail} characters are logged, and as much
 * of their end as fits goes into the outcome message.
 *
 * <p>Exit 0 succeeds ({@code exit 0: <tail>}); any other exit code fails terminally ({@code exit 3:
 * <tail>}), as a command is never retried. On timeout, or when the executor interrupts the thread,
 * the process and its descendants get SIGTERM, then SIGKILL after a grace period. A program that
 * exits by itself may leave children it started in the background running (that is how a restart
 * script starts a server); they are left alone, and their output is not waited for beyond the grace
 * period, but such a child should redirect its output rather than hold the controller's pipe.
 */
public final class CommandActionHandler implements ActionHandler {

  public static final String KIND = "command";

  /** Time between SIGTERM and SIGKILL. */
  public static final Duration KILL_GRACE = Duration.ofSeconds(2);

  private static final List<String> SECRET_NAME_PARTS =
      List.of("SECRET", "TOKEN", "PASSWORD", "KEY");

  private static final Logger log = LoggerFactory.getLogger(CommandActionHandler.class);

  private final Duration defaultTimeout;
  private final int outputTail;
  private final Duration actionTimeout;
  private final Map<String, String> environment;
  private final Programs programs;
  private final Duration killGrace;

  /**
   * @param settings default timeout, output tail and allow-list
   * @param actionTimeout the executor's action timeout: no command runs longer
   * @param environment the controller's environment ({@code System.getenv()}); secrets are dropped
   */
  public CommandActionHandler(
      ExecutorProperties.Command settings,
      Duration actionTimeout,
      Map<String, String> environment) {
    this(settings, actionTimeout, environment, KILL_GRACE);
  }

  CommandActionHandler(
      ExecutorProperties.Command settings,
      Duration actionTimeout,
      Map<String, String> environment,
      Duration killGrace) {
    this.defaultTimeout = settings.timeout();
    this.outputTail = settings.outputTail();
    this.actionTimeout = Objects.requireNonNull(actionTimeout, "actionTimeout");
    this.environment = withoutSecrets(environment);
    this.programs = new Programs(settings.allowedPrograms(), this.environment.get("PATH"));
    this.killGrace = Objects.requireNonNull(killGrace, "killGrace");
  }

  /** {@code environment} without the variables whose names suggest a secret. */
  static Map<String, String> withoutSecrets(Map<String, String> environment) {
    Map<String, String> kept = new TreeMap<>();
    environment.forEach(
        (name, value) -> {
          String upper = name.toUpperCase(Locale.ROOT);
          if (SECRET_NAME_PARTS.stream().noneMatch(upper::contains)) {
            kept.put(name, value);
          }
        });
    return Collections.unmodifiableMap(kept);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public ActionResult run(Action action, CycleContext cycle)
      throws TerminalActionException, InterruptedException {
    CommandParams params = CommandParams.parse(action.params());
    Path program = programs.resolve(params.program());
    Duration timeout = timeoutFor(params);
    ProcessBuilder builder = builder(params, program);
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the command started");
    }
    log.info("command {}: running {} (timeout {})", action.id(), params.argv(), human(timeout));
    Process process = start(builder, params.program());
    OutputTail tail =
        OutputTail.start(process.getInputStream(), outputTail, "command-" + action.id());
    return await(process, tail, timeout, action.id());
  }

  private Duration timeoutFor(CommandParams params) {
    Duration requested = params.timeout() == null ? defaultTimeout : params.timeout();
    return requested.compareTo(actionTimeout) > 0 ? actionTimeout : requested;
  }

  private ProcessBuilder builder(CommandParams params, Path program) {
    List<String> command = new ArrayList<>(params.argv());
    command.set(0, program.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().putAll(environment);
    if (params.workdir() != null) {
      builder.directory(params.workdir().toFile());
    }
    return builder;
  }

  private static Process start(ProcessBuilder builder, String program)
      throws TerminalActionException {
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      return process;
    } catch (IOException e) {
      throw new TerminalActionException(
          "could not start '" + Texts.bounded(program, 200) + "': " + Texts.describe(e, 200), 1);
    }
  }

  private ActionResult await(Process process, OutputTail tail, Duration timeout, String id)
      throws TerminalActionException, InterruptedException {
    boolean exited;
    try {
      exited = process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      // the executor gave up on this action: the process must not outlive it
      log.warn("command {}: interrupted, killing pid {}", id, process.pid());
      ProcessTree.kill(process, killGrace);
      throw e;
    }
    if (!exited) {
      ProcessTree.kill(process, killGrace);
      tail.awaitEnd(killGrace);
      String message = CommandOutput.message("timed out after " + human(timeout), tail);
      log.warn("command {}: timed out after {}; output: {}", id, human(timeout), oneLine(tail));
      throw new TerminalActionException(message, 1);
    }
    // a background child that inherited the output may hold it open: do not wait for it
    tail.awaitEnd(killGrace);
    int exit = process.exitValue();
    log.info("command {}: exit {}; output: {}", id, exit, oneLine(tail));
    String message = CommandOutput.message("exit " + exit, tail);
    if (exit != 0) {
      throw new TerminalActionException(message, 1);
    }
    return ActionResult.succeeded(1, message);
  }

  private static String oneLine(OutputTail tail) {
    return CommandOutput.oneLine(tail.text());
  }

  private static String human(Duration duration) {
    return Texts.human(duration);
  }
}
