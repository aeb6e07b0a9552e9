package io.x0tta6bl4.mapek.execute.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResizeTest {

  private static final ReplicaBounds ONE_TO_TEN = new ReplicaBounds(1, 10);
  private static final String WEB = "deployment x0/web";

  @Test
  void aCountWithinTheBoundsIsTakenAsAsked() {
    Resize resize = Resize.decide(3, 5, ONE_TO_TEN);

    assertThat(resize.to()).isEqualTo(5);
    assertThat(resize.describe(WEB)).isEqualTo("scaled deployment x0/web 3 -> 5");
  }

  @Test
  void aCountAboveTheMaximumIsClampedAndSaysSo() {
    Resize resize = Resize.decide(3, 12, new ReplicaBounds(1, 5));

    assertThat(resize.to()).isEqualTo(5);
    assertThat(resize.describe(WEB))
        .isEqualTo("scaled deployment x0/web 3 -> 5 (clamped to max 5, asked for 12)");
  }

  @Test
  void aNegativeCountFromADeltaIsClampedToTheMinimum() {
    Resize resize = Resize.decide(2, -3, ONE_TO_TEN);

    assertThat(resize.to()).isEqualTo(1);
    assertThat(resize.describe(WEB))
        .isEqualTo("scaled deployment x0/web 2 -> 1 (clamped to min 1, asked for -3)");
  }

  @Test
  void theSameCountChangesNothing() {
    Resize resize = Resize.decide(4, 4, ONE_TO_TEN);

    assertThat(resize.changes()).isFalse();
    assertThat(resize.describe(WEB))
        .isEqualTo("no change: deployment x0/web already has 4 replicas");
  }

  @Test
  void atTheMinimumAScaleDownChangesNothing() {
    Resize resize = Resize.decide(1, 0, ONE_TO_TEN);

    assertThat(resize.changes()).isFalse();
    assertThat(resize.describe(WEB))
        .isEqualTo("no change: deployment x0/web already at min 1 (asked for 0)");
  }

  @Test
  void belowTheMinimumAScaleDownIsNotTurnedIntoAScaleUp() {
    Resize resize = Resize.decide(0, -1, ONE_TO_TEN);

    assertThat(resize.changes()).isFalse();
    assertThat(resize.describe(WEB))
        .isEqualTo("no change: deployment x0/web has 0 replicas, below min 1 (asked for -1)");
  }

  @Test
  void aboveTheMaximumAScaleDownStillMovesDown() {
    Resize resize = Resize.decide(14, 13, ONE_TO_TEN);

    assertThat(resize.to()).isEqualTo(10);
    assertThat(resize.describe(WEB))
        .isEqualTo("scaled deployment x0/web 14 -> 10 (clamped to max 10, asked for 13)");
  }

  @Test
  void askingForTheCurrentCountOutsideTheBoundsChangesNothing() {
    Resize resize = Resize.decide(12, 12, ONE_TO_TEN);

    assertThat(resize.changes()).isFalse();
    assertThat(resize.describe(WEB))
        .isEqualTo("no change: deployment x0/web has 12 replicas, above max 10 (asked for 12)");
  }

  @Test
  void boundsMustNotBeEmpty() {
    assertThatThrownBy(() -> new ReplicaBounds(3, 2))
        .hasMessage("replica bounds need 0 <= min <= max, but were 3..2");
    assertThatThrownBy(() -> new ReplicaBounds(-1, 2))
        .hasMessage("replica bounds need 0 <= min <= max, but were -1..2");
  }
}
