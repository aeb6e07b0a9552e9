package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code log}: writes the action to the log at WARN, for a person or a log alert to pick up. */
public final class LogActionHandler implements ActionHandler {

  public static final String KIND = "log";

  private static final Logger log = LoggerFactory.getLogger(LogActionHandler.class);

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public ActionResult run(Action action, CycleContext cycle) {
    log.warn(
        "action {} kind={} target={} symptom={} reason={} params={}",
        action.id(),
        action.kind(),
        action.target(),
        action.symptom(),
        action.reason(),
        new TreeMap<>(action.params()));
    return ActionResult.succeeded(1, "logged");
  }
}
