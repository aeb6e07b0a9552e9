package io.x0tta6bl4.mapek.plan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A missing element of a configured list is refused by name; it was a NullPointerException. */
class PolicyTest {

  private static final Step LOG = Step.of("log", Map.of(), null);

  @Test
  void aNullStepIsRefusedNamingThePolicyAndIndex() {
    assertThatThrownBy(
            () -> Policy.ordered("restart", "down", "*", Arrays.asList(LOG, null), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("steps of policy 'restart' must not have an empty element, but [1] is");
  }

  @Test
  void aNullRecoveryStepIsRefusedNamingThePolicy() {
    assertThatThrownBy(
            () ->
                Policy.ordered(
                    "restart", "down", "*", List.of(LOG), null, Arrays.asList((Step) null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("recovery of policy 'restart' must not have an empty element, but [0] is");
  }

  @Test
  void aNullPolicyOrEscalationStepIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> planner(Arrays.asList((Policy) null), List.of()))
        .hasMessage("x0tta6bl4.planner.policies must not have an empty element, but [0] is");
    assertThatThrownBy(() -> planner(List.of(), Arrays.asList(LOG, null)))
        .hasMessage("x0tta6bl4.planner.escalation must not have an empty element, but [1] is");
  }

  private static PlannerProperties planner(List<Policy> policies, List<Step> escalation) {
    return new PlannerProperties(
        Duration.ofMinutes(5), 3, 20, Duration.ofMinutes(10), policies, null, null, escalation);
  }
}
