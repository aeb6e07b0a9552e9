package io.x0tta6bl4.api;

import io.x0tta6bl4.mapek.analyze.AlertDetector;
import io.x0tta6bl4.mapek.analyze.AlertInbox;
import io.x0tta6bl4.testsupport.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** What {@link AlertController} needs: a real inbox and detector, and a clock standing at NOW. */
@TestConfiguration(proxyBeanMethods = false)
class AlertIntake {

  static final Instant NOW = Instant.parse("2026-11-24T08:05:00Z");

  @Bean
  AlertInbox alertInbox() {
    return new AlertInbox(Duration.ofHours(6));
  }

  @Bean
  AlertDetector alertDetector(AlertInbox inbox) {
    return new AlertDetector(inbox, List.of("x0_target", "job"), List.of("alertname"));
  }

  @Bean
  Clock clock() {
    return new MutableClock(NOW);
  }
}
