package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import java.lang.management.MemoryMXBean;
import java.lang.management.RuntimeMXBean;
import java.util.List;
import java.util.Objects;

/**
 * {@code gc}: asks this JVM for a full garbage collection and reports heap used before and after.
 * Under {@code -XX:+DisableExplicitGC} the request would do nothing, so the action fails instead of
 * claiming a collection that never happened.
 */
public final class GcActionHandler implements ActionHandler {

  public static final String KIND = "gc";

  static final String DISABLE_FLAG = "-XX:+DisableExplicitGC";
  private static final String ENABLE_FLAG = "-XX:-DisableExplicitGC";
  private static final long MIB = 1024L * 1024L;

  private final MemoryMXBean memory;
  private final RuntimeMXBean runtime;

  /** Use {@code ManagementFactory.getMemoryMXBean()} and {@code getRuntimeMXBean()}. */
  public GcActionHandler(MemoryMXBean memory, RuntimeMXBean runtime) {
    this.memory = Objects.requireNonNull(memory, "memory");
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public ActionResult run(Action action, CycleContext cycle) throws TerminalActionException {
    if (explicitGcDisabled(runtime.getInputArguments())) {
      throw new TerminalActionException("explicit GC is disabled (" + DISABLE_FLAG + ")");
    }
    long before = memory.getHeapMemoryUsage().getUsed();
    memory.gc();
    long after = memory.getHeapMemoryUsage().getUsed();
    return ActionResult.succeeded(
        1, "heap used " + before / MIB + " MiB -> " + after / MIB + " MiB");
  }

  /** The JVM honours the last of repeated flags, so a later {@code -XX:-...} re-enables GC. */
  static boolean explicitGcDisabled(List<String> jvmArguments) {
    boolean disabled = false;
    for (String argument : jvmArguments) {
      if (DISABLE_FLAG.equals(argument)) {
        disabled = true;
      } else if (ENABLE_FLAG.equals(argument)) {
        disabled = false;
      }
    }
    return disabled;
  }
}
