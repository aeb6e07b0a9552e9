package io.x0tta6bl4.mapek.execute;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a {@code command} action, checked after the Planner substituted {@code
 * ${target}} and {@code ${symptom}}: see {@link CommandActionHandler} for the format.
 *
 * @param argv the program and its arguments, at least the program
 * @param workdir the directory to run in; {@code null} for the controller's own
 * @param timeout the action's own timeout; {@code null} for the configured one
 */
record CommandParams(List<String> argv, Path workdir, Duration timeout) {

  static final int MAX_ARGS = 64;
  static final int MAX_ARG_LENGTH = 4096;

  private static final Pattern ARG_KEY = Pattern.compile("argv\\.(0|[1-9][0-9]{0,8})");
  private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
  private static final Set<String> OTHER_KEYS = Set.of("workdir", "timeout");

  CommandParams {
    argv = List.copyOf(argv);
  }

  /** The program as written in {@code argv.0}. */
  String program() {
    return argv.get(0);
  }

  /** Parses and checks {@code params}; every problem is terminal, nothing has run yet. */
  static CommandParams parse(Map<String, String> params) throws TerminalActionException {
    if (params.containsKey("argv")) {
      throw new TerminalActionException(
          "params.argv as a single value is not supported: give the arguments as a list"
              + " (argv.0, argv.1, …), so that a substituted value can never become two arguments");
    }
    TreeMap<Integer, String> args = new TreeMap<>();
    Set<String> unknown = new TreeSet<>();
    for (Map.Entry<String, String> param : params.entrySet()) {
      Matcher arg = ARG_KEY.matcher(param.getKey());
      if (arg.matches()) {
        args.put(Integer.parseInt(arg.group(1)), param.getValue());
      } else if (!OTHER_KEYS.contains(param.getKey())) {
        unknown.add("'" + Texts.bounded(param.getKey(), 50) + "'");
      }
    }
    if (!unknown.isEmpty()) {
      throw new TerminalActionException(
          "unknown params "
              + String.join(", ", unknown)
              + ": a command takes argv.0, argv.1, …, workdir and timeout");
    }
    return new CommandParams(
        argv(args), workdir(params.get("workdir")), timeout(params.get("timeout")));
  }

  private static List<String> argv(TreeMap<Integer, String> args) throws TerminalActionException {
    if (args.isEmpty()) {
      throw new TerminalActionException("no program: set params.argv.0");
    }
    if (args.lastKey() >= MAX_ARGS) {
      throw new TerminalActionException(
          "at most " + MAX_ARGS + " arguments, but params.argv." + args.lastKey() + " was given");
    }
    List<String> argv = new ArrayList<>(args.size());
    for (int i = 0; i <= args.lastKey(); i++) {
      String arg = args.get(i);
      if (arg == null) {
        throw new TerminalActionException(
            "params.argv." + i + " is missing: arguments are numbered from argv.0 without gaps");
      }
      checkArgument(i, arg);
      argv.add(arg);
    }
    if (!isProgramName(argv.get(0))) {
      throw new TerminalActionException(
          "params.argv.0 must be a program name or an absolute path, but was '"
              + Texts.bounded(argv.get(0), 100)
              + "'");
    }
    return argv;
  }

  private static void checkArgument(int index, String arg) throws TerminalActionException {
    String problem = null;
    if (arg.indexOf('\0') >= 0) {
      problem = "must not contain a NUL character";
    } else if (arg.indexOf('\n') >= 0 || arg.indexOf('\r') >= 0) {
      problem = "must not contain a line break";
    } else if (arg.length() > MAX_ARG_LENGTH) {
      problem = "must be at most " + MAX_ARG_LENGTH + " characters, but had " + arg.length();
    }
    if (problem != null) {
      throw new TerminalActionException("params.argv." + index + " " + problem);
    }
  }

  /** A bare name ({@code systemctl}) or an absolute path; never relative to the working dir. */
  static boolean isProgramName(String program) {
    if (program == null || program.isBlank() || program.length() > MAX_ARG_LENGTH) {
      return false;
    }
    if (program.chars().anyMatch(c -> c == 0 || c == '\n' || c == '\r')) {
      return false;
    }
    return program.indexOf('/') < 0 || (program.startsWith("/") && program.length() > 1);
  }

  private static Path workdir(String raw) throws TerminalActionException {
    if (raw == null) {
      return null;
    }
    Path dir;
    try {
      dir = raw.isBlank() ? null : Path.of(raw);
    } catch (InvalidPathException e) {
      dir = null;
    }
    if (dir == null || !dir.isAbsolute() || !Files.isDirectory(dir)) {
      throw new TerminalActionException(
          "params.workdir must be an absolute path to an existing directory, but was '"
              + Texts.bounded(raw, 200)
              + "'");
    }
    return dir;
  }

  /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
  static Duration timeout(String raw) throws TerminalActionException {
    if (raw == null) {
      return null;
    }
    Duration timeout = parseDuration(raw.trim());
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new TerminalActionException(
          "params.timeout must be a positive duration such as 30s or 500ms, but was '"
              + Texts.bounded(raw, 50)
              + "'");
    }
    return timeout;
  }

  private static Duration parseDuration(String text) {
    Matcher simple = SHORT_DURATION.matcher(text);
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
