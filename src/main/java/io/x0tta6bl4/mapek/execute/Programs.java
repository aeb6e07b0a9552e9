package io.x0tta6bl4.mapek.execute;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the file a command's {@code argv.0} names and checks it against {@code
 * x0tta6bl4.executor.command.allowed-programs}, before anything is started.
 *
 * <p>A bare name is looked up in the directories of {@code PATH}, in order, taking the first
 * executable regular file; empty and relative {@code PATH} entries are skipped, so a command never
 * runs a file from the controller's working directory. An allow-list entry that is a bare name
 * allows exactly that {@code argv.0} (so {@code systemctl} does not allow {@code
 * /tmp/x/systemctl}); an absolute entry allows the program that {@code argv.0} resolves to,
 * compared after removing {@code .} and {@code ..} but without following symbolic links: {@code
 * /usr/bin/echo} does not allow {@code /bin/echo}, and allowing one link to a multi-call binary
 * such as busybox does not allow its other links.
 */
final class Programs {

  private final Set<String> allowed;
  private final List<Path> searchPath;

  /**
   * @param allowed program names and absolute paths; empty allows any program
   * @param path the {@code PATH} value commands see; {@code null} when there is none
   */
  Programs(List<String> allowed, String path) {
    this.allowed =
        allowed.stream().map(Programs::normalized).collect(Collectors.toUnmodifiableSet());
    this.searchPath = directories(path);
  }

  private static String normalized(String program) {
    return program.startsWith("/") ? Path.of(program).normalize().toString() : program;
  }

  private static List<Path> directories(String path) {
    List<Path> dirs = new ArrayList<>();
    if (path == null) {
      return dirs;
    }
    for (String entry : path.split(":")) {
      try {
        Path dir = Path.of(entry);
        if (!entry.isEmpty() && dir.isAbsolute()) {
          dirs.add(dir);
        }
      } catch (InvalidPathException e) {
        // a PATH entry no file can be in
      }
    }
    return List.copyOf(dirs);
  }

  /**
   * The executable to start for {@code program}.
   *
   * @throws TerminalActionException when the allow-list refuses it, or it is missing or not
   *     executable
   */
  Path resolve(String program) throws TerminalActionException {
    boolean bare = program.indexOf('/') < 0;
    Path file = bare ? onPath(program) : Path.of(program).normalize();
    if (!allowed.isEmpty()
        && !(bare && allowed.contains(program))
        && !(file != null && allowed.contains(file.toString()))) {
      throw new TerminalActionException(
          "program '"
              + Texts.bounded(program, 200)
              + "' is not in "
              + ExecutorProperties.PREFIX
              + "command.allowed-programs");
    }
    if (file == null) {
      throw new TerminalActionException(
          "program '" + Texts.bounded(program, 200) + "' not found on PATH");
    }
    if (!Files.isRegularFile(file)) {
      throw new TerminalActionException("program '" + Texts.bounded(program, 200) + "' not found");
    }
    if (!Files.isExecutable(file)) {
      throw new TerminalActionException(
          "program '" + Texts.bounded(program, 200) + "' is not executable");
    }
    return file;
  }

  private Path onPath(String name) {
    for (Path dir : searchPath) {
      Path candidate = dir.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
