package io.x0tta6bl4.mapek.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void waitGrowsByTheMultiplierUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));

    assertThat(IntStream.rangeClosed(1, 7).mapToObj(backoff::delayBefore))
        .containsExactly(
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(800),
            Duration.ofMillis(1600),
            Duration.ofMillis(3200),
            Duration.ofSeconds(5),
            Duration.ofSeconds(5));
  }

  @Test
  void aHugeRetryNumberStaysAtTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), 10.0, Duration.ofSeconds(5));

    assertThat(backoff.delayBefore(10_000)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void rejectsAMultiplierBelowOne() {
    assertThatThrownBy(() -> new Backoff(Duration.ofMillis(200), 0.5, Duration.ofSeconds(5)))
        .hasMessage("multiplier must be >= 1.0, but was 0.5");
  }
}
