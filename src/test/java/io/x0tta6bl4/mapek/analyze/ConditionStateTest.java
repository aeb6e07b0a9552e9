package io.x0tta6bl4.mapek.analyze;

import static io.x0tta6bl4.mapek.analyze.ConditionState.FIRING;
import static io.x0tta6bl4.mapek.analyze.ConditionState.INACTIVE;
import static io.x0tta6bl4.mapek.analyze.ConditionState.PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class ConditionStateTest {

  @Test
  void aConditionWaitsInPendingBeforeItFiresAndFiresUntilItClears() {
    assertThat(INACTIVE.moveTo(PENDING)).isEqualTo(PENDING);
    assertThat(PENDING.moveTo(INACTIVE)).isEqualTo(INACTIVE);
    assertThat(PENDING.moveTo(FIRING)).isEqualTo(FIRING);
    assertThat(FIRING.moveTo(INACTIVE)).isEqualTo(INACTIVE);
  }

  @Test
  void transitionsThatSkipTheWaitOrRestartItAreRejected() {
    assertThatIllegalStateException()
        .isThrownBy(() -> INACTIVE.moveTo(FIRING))
        .withMessage("cannot move from INACTIVE to FIRING");
    assertThatIllegalStateException()
        .isThrownBy(() -> FIRING.moveTo(PENDING))
        .withMessage("cannot move from FIRING to PENDING");
    assertThatIllegalStateException().isThrownBy(() -> PENDING.moveTo(PENDING));
    assertThatIllegalStateException().isThrownBy(() -> FIRING.moveTo(FIRING));
    assertThatIllegalStateException().isThrownBy(() -> INACTIVE.moveTo(INACTIVE));
  }
}
