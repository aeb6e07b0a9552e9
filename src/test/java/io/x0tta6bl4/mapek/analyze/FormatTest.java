package io.x0tta6bl4.mapek.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatTest {

  @Test
  void numbersKeepFourSignificantDigitsWithoutBinaryNoise() {
    assertThat(Format.number(0.93)).isEqualTo("0.93");
    assertThat(Format.number(0.1 + 0.2)).isEqualTo("0.3");
    assertThat(Format.number(0.0080123)).isEqualTo("0.008012");
    assertThat(Format.number(100)).isEqualTo("100");
    assertThat(Format.number(1234.5678)).isEqualTo("1235");
    assertThat(Format.number(-42.5)).isEqualTo("-42.5");
    assertThat(Format.number(0)).isEqualTo("0");
    assertThat(Format.number(1e-6)).isEqualTo("0.000001");
    assertThat(Format.number(1.5e-9)).isEqualTo("1.5E-9");
    assertThat(Format.number(3.2e12)).isEqualTo("3.2E+12");
    assertThat(Format.number(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void durationsAreSecondsAndZScoresHaveOneDecimal() {
    assertThat(Format.duration(Duration.ofSeconds(35))).isEqualTo("35s");
    assertThat(Format.duration(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Format.duration(Duration.ZERO)).isEqualTo("0s");
    assertThat(Format.oneDecimal(9.06)).isEqualTo("9.1");
    assertThat(Format.oneDecimal(8)).isEqualTo("8.0");
  }
}
