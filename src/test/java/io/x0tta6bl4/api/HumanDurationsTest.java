package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HumanDurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "2s, PT2S",
    "1m, PT1M",
    "1h, PT1H",
    "' 2S ', PT2S",
    "PT2S, PT2S",
    "pt1m30s, PT1M30S"
  })
  void shortFormsAndIsoAreParsed(String text, String iso) {
    assertThat(HumanDurations.parse(text)).contains(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "soon", "2 s", "-2s", "1.5s", "2d", "P"})
  void anythingElseIsNotADuration(String text) {
    assertThat(HumanDurations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "PT0.1S, 100ms",
    "PT1H, 1h",
    "PT1M30S, 90s",
    "PT2M, 2m",
    "PT0.01S, 10ms",
    "PT0S, 0ms",
    "PT2H, 2h"
  })
  void durationsAreFormattedInTheShortestExactForm(String iso, String text) {
    assertThat(HumanDurations.format(Duration.parse(iso))).isEqualTo(text);
  }

  @Test
  void durationsThatAreNotWholeMillisecondsOrNegativeAreFormattedAsIso() {
    assertThat(HumanDurations.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    assertThat(HumanDurations.format(Duration.ofSeconds(-2))).isEqualTo("PT-2S");
  }
}
