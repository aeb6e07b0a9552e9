package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import java.util.Objects;

/**
 * {@code readiness}: {@code params.state=out} takes the controller out of its readiness probe,
 * {@code params.state=in} puts it back. Switching to the state it is already in succeeds.
 */
public final class ReadinessActionHandler implements ActionHandler {

  public static final String KIND = "readiness";

  static final String ACCEPTING = "ACCEPTING_TRAFFIC";
  static final String REFUSING = "REFUSING_TRAFFIC";

  private final ReadinessSwitch readiness;

  public ReadinessActionHandler(ReadinessSwitch readiness) {
    this.readiness = Objects.requireNonNull(readiness, "readiness");
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public ActionResult run(Action action, CycleContext cycle) throws TerminalActionException {
    String state = action.params().get("state");
    boolean accept;
    if ("in".equals(state)) {
      accept = true;
    } else if ("out".equals(state)) {
      accept = false;
    } else {
      throw new TerminalActionException(
          "params.state must be 'out' or 'in', but was "
              + (state == null ? "missing" : "'" + Texts.bounded(state, 50) + "'"));
    }
    String before = name(readiness.acceptingTraffic());
    String wanted = name(accept);
    if (before.equals(wanted)) {
      return ActionResult.succeeded(1, "already " + wanted);
    }
    String reason = action.id() + ": " + action.reason();
    if (accept) {
      readiness.acceptTraffic(reason);
    } else {
      readiness.refuseTraffic(reason);
    }
    String after = name(readiness.acceptingTraffic());
    if (!after.equals(wanted)) {
      return ActionResult.failed(1, "readiness: asked for " + wanted + " but it is still " + after);
    }
    return ActionResult.succeeded(1, "readiness: " + before + " -> " + after);
  }

  private static String name(boolean accepting) {
    return accepting ? ACCEPTING : REFUSING;
  }
}
