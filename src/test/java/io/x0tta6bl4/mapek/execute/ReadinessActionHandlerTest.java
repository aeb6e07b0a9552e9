package io.x0tta6bl4.mapek.execute;

import static io.x0tta6bl4.mapek.execute.TestActions.action;
import static io.x0tta6bl4.mapek.execute.TestActions.cycle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.mapek.Mode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessActionHandlerTest {

  /** Remembers the state and every change asked of it; {@code stuck} ignores the changes. */
  static final class FakeSwitch implements ReadinessSwitch {
    boolean accepting = true;
    boolean stuck;
    final List<String> calls = new ArrayList<>();

    @Override
    public void refuseTraffic(String reason) {
      calls.add("refuse: " + reason);
      accepting = stuck && accepting;
    }

    @Override
    public void acceptTraffic(String reason) {
      calls.add("accept: " + reason);
      accepting = !stuck || accepting;
    }

    @Override
    public boolean acceptingTraffic() {
      return accepting;
    }
  }

  private final FakeSwitch readiness = new FakeSwitch();
  private final ReadinessActionHandler handler = new ReadinessActionHandler(readiness);

  private ActionResult run(String state) throws Exception {
    Map<String, String> params = new HashMap<>();
    if (state != null) {
      params.put("state", state);
    }
    return handler.run(action("42-1", "readiness", params), cycle(Mode.ACTIVE));
  }

  @Test
  void outTakesTheControllerOutOfItsReadinessProbe() throws Exception {
    ActionResult result = run("out");

    assertThat(result)
        .isEqualTo(ActionResult.succeeded(1, "readiness: ACCEPTING_TRAFFIC -> REFUSING_TRAFFIC"));
    assertThat(readiness.accepting).isFalse();
    assertThat(readiness.calls).containsExactly("refuse: 42-1: heap above 90% for 3 cycles");
  }

  @Test
  void inPutsItBack() throws Exception {
    readiness.accepting = false;

    ActionResult result = run("in");

    assertThat(result)
        .isEqualTo(ActionResult.succeeded(1, "readiness: REFUSING_TRAFFIC -> ACCEPTING_TRAFFIC"));
    assertThat(readiness.accepting).isTrue();
  }

  @Test
  void switchingToTheCurrentStateSucceedsWithoutAChange() throws Exception {
    readiness.accepting = false;

    ActionResult result = run("out");

    assertThat(result).isEqualTo(ActionResult.succeeded(1, "already REFUSING_TRAFFIC"));
    assertThat(readiness.calls).isEmpty();
  }

  @Test
  void anyOtherStateIsTerminalAndChangesNothing() {
    assertThatThrownBy(() -> run("sideways"))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("params.state must be 'out' or 'in', but was 'sideways'");
    assertThatThrownBy(() -> run(null))
        .isInstanceOf(TerminalActionException.class)
        .hasMessage("params.state must be 'out' or 'in', but was missing");
    assertThat(readiness.calls).isEmpty();
    assertThat(readiness.accepting).isTrue();
  }

  @Test
  void aSwitchThatDidNotChangeIsReportedAsAFailure() throws Exception {
    readiness.stuck = true;

    ActionResult result = run("out");

    assertThat(result.succeeded()).isFalse();
    assertThat(result.message())
        .isEqualTo("readiness: asked for REFUSING_TRAFFIC but it is still ACCEPTING_TRAFFIC");
  }
}
