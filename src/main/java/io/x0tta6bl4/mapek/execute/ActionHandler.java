package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;

/**
 * Runs one kind of action for real. The {@link HandlerExecutor} calls it on a worker thread with a
 * timeout, so a handler must stop promptly when its thread is interrupted.
 *
 * <p>A handler reports what really happened: it returns a failed {@link ActionResult} or throws
 * when the action did not take effect, and never claims a success it could not check. It throws
 * {@link TerminalActionException} when trying again cannot help (bad parameters, a 4xx answer, a
 * disabled feature) and {@link RetryableActionException} for a transient failure it gave up on.
 */
public interface ActionHandler {

  /** The action kind this handler runs, e.g. {@code webhook}; unique per executor. */
  String kind();

  /**
   * Runs the action once (a handler may retry internally, reporting the attempts it made).
   *
   * @return what happened; never {@code null}
   * @throws Exception when the action failed; the executor records it as FAILED
   */
  ActionResult run(Action action, CycleContext cycle) throws Exception;
}
