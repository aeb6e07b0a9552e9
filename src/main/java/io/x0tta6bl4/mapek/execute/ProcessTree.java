package io.x0tta6bl4.mapek.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a process and everything it started: first politely (SIGTERM), then, after a grace period,
 * by force (SIGKILL). The descendants are listed before the first signal, because once their parent
 * is gone they are re-parented and no longer show up as its descendants.
 */
final class ProcessTree {

  private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);

  private static final Duration POLL = Duration.ofMillis(50);

  private ProcessTree() {}

  /**
   * Kills {@code process} and its descendants, waiting at most about twice {@code grace}. An
   * interrupt while waiting skips to the forced kill; the thread's interrupt status is kept.
   *
   * @return true when every process of the tree has exited
   */
  static boolean kill(Process process, Duration grace) {
    Set<ProcessHandle> tree = new LinkedHashSet<>();
    tree.add(process.toHandle());
    process.descendants().forEach(tree::add);
    boolean interrupted = Thread.interrupted();
    tree.forEach(ProcessHandle::destroy);
    boolean exited = false;
    if (!interrupted) {
      try {
        exited = awaitExit(tree, grace);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (!exited) {
      process.descendants().forEach(tree::add);
      log.warn("pid {} still running after SIGTERM; sending SIGKILL", process.pid());
      tree.forEach(ProcessHandle::destroyForcibly);
      try {
        exited = awaitExit(tree, grace);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (!exited) {
      log.warn("pid {} or one of its children still running after SIGKILL", process.pid());
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return exited;
  }

  /**
   * Waits in short slices so that a descendant left as a zombie counts as exited: its parent died
   * with it, and when PID 1 is slow to reap (or is the JVM itself, in a container without an init)
   * the JDK keeps reporting it alive.
   */
  private static boolean awaitExit(Set<ProcessHandle> tree, Duration wait)
      throws InterruptedException {
    CompletableFuture<?> all =
        CompletableFuture.allOf(
            tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
    long slices = Math.max(1, wait.toMillis() / POLL.toMillis());
    for (long slice = 0; slice < slices; slice++) {
      try {
        all.get(POLL.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (ExecutionException e) {
        return tree.stream().allMatch(ProcessTree::exited);
      } catch (TimeoutException e) {
        if (tree.stream().allMatch(ProcessTree::exited)) {
          return true;
        }
      }
    }
    return false;
  }

  /** True when {@code process} has exited, reaped or not. */
  static boolean exited(ProcessHandle process) {
    return !process.isAlive() || zombie(process.pid());
  }

  /** Linux: state Z (zombie) or X (dead) in {@code /proc/<pid>/stat}; false where there is none. */
  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // "pid (comm) S ...": comm may itself contain ") ", so look after the last one
      int end = stat.lastIndexOf(") ");
      char state = end < 0 || end + 2 >= stat.length() ? '?' : stat.charAt(end + 2);
      return state == 'Z' || state == 'X';
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
