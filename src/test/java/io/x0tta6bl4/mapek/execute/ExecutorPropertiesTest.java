package io.x0tta6bl4.mapek.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecutorPropertiesTest {

  private static ExecutorProperties.Webhook webhook(
      Duration requestTimeout, int maxRetries, double multiplier, Duration maxBackoff) {
    return new ExecutorProperties.Webhook(
        null,
        Duration.ofSeconds(2),
        requestTimeout,
        maxRetries,
        Duration.ofMillis(200),
        multiplier,
        maxBackoff,
        null,
        null);
  }

  @Test
  void actionTimeoutMustBePositive() {
    assertThatThrownBy(
            () ->
                new ExecutorProperties(
                    Duration.ZERO,
                    4,
                    ExecutorProperties.Webhook.defaults(),
                    ExecutorProperties.Command.defaults(),
                    Duration.ofMinutes(15)))
        .hasMessage("x0tta6bl4.executor.action-timeout must be positive, but was PT0S");
  }

  @Test
  void maxConcurrentIsBounded() {
    assertThatThrownBy(
            () ->
                new ExecutorProperties(
                    Duration.ofSeconds(10),
                    65,
                    ExecutorProperties.Webhook.defaults(),
                    ExecutorProperties.Command.defaults(),
                    Duration.ofMinutes(15)))
        .hasMessage("x0tta6bl4.executor.max-concurrent must be between 1 and 64, but was 65");
  }

  @Test
  void webhookValuesAreCheckedWithTheirKeys() {
    Duration fiveSeconds = Duration.ofSeconds(5);
    assertThatThrownBy(() -> webhook(Duration.ofSeconds(-1), 3, 2.0, fiveSeconds))
        .hasMessage("x0tta6bl4.executor.webhook.request-timeout must be positive, but was PT-1S");
    assertThatThrownBy(() -> webhook(fiveSeconds, -1, 2.0, fiveSeconds))
        .hasMessage("x0tta6bl4.executor.webhook.max-retries must be between 0 and 10, but was -1");
    assertThatThrownBy(() -> webhook(fiveSeconds, 3, 0.5, fiveSeconds))
        .hasMessage(
            "x0tta6bl4.executor.webhook.backoff-multiplier must be between 1.0 and 10.0,"
                + " but was 0.5");
    assertThatThrownBy(() -> webhook(fiveSeconds, 3, Double.NaN, fiveSeconds))
        .hasMessageContaining("but was NaN");
    assertThatThrownBy(() -> webhook(fiveSeconds, 3, 2.0, Duration.ofMillis(100)))
        .hasMessage(
            "x0tta6bl4.executor.webhook.max-backoff must not be shorter than"
                + " webhook.initial-backoff (PT0.2S), but was PT0.1S");
  }

  @Test
  void toStringHidesTheQueryOfTheDefaultUrl() {
    ExecutorProperties.Webhook webhook =
        new ExecutorProperties.Webhook(
            URI.create("https://user:pw@hooks.example.org/x?token=s3cret"),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            3,
            Duration.ofMillis(200),
            2.0,
            Duration.ofSeconds(5),
            null,
            null);

    assertThat(webhook.toString())
        .contains("url=https://hooks.example.org/x?…")
        .doesNotContain("s3cret")
        .doesNotContain("pw");
  }

  @Test
  void noToStringShowsTheWebhookSecret() {
    ExecutorProperties.Webhook webhook =
        new ExecutorProperties.Webhook(
            URI.create("https://hooks.example.org/x"),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            3,
            Duration.ofMillis(200),
            2.0,
            Duration.ofSeconds(5),
            WebhookSecret.of("whsec-s3cret-value"),
            null);
    ExecutorProperties properties =
        new ExecutorProperties(
            Duration.ofSeconds(10),
            4,
            webhook,
            ExecutorProperties.Command.defaults(),
            Duration.ofMinutes(15));

    assertThat(properties.toString())
        .contains("secret=****")
        .doesNotContain("whsec")
        .doesNotContain("s3cret");
    assertThat(webhook.secret()).hasToString("****");
  }

  @Test
  void emptyWebhookSecretMeansNoSecret() {
    ExecutorProperties.Webhook webhook =
        new ExecutorProperties.Webhook(
            null,
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            3,
            Duration.ofMillis(200),
            2.0,
            Duration.ofSeconds(5),
            WebhookSecret.of(""),
            null);

    assertThat(webhook.secret()).isNull();
    assertThat(webhook).isEqualTo(ExecutorProperties.Webhook.defaults());
    assertThat(webhook.toString()).contains("secret=none");
  }

  @Test
  void commandValuesAreCheckedWithTheirKeys() {
    assertThatThrownBy(() -> new ExecutorProperties.Command(Duration.ZERO, 2000, List.of()))
        .hasMessage("x0tta6bl4.executor.command.timeout must be positive, but was PT0S");
    assertThatThrownBy(() -> new ExecutorProperties.Command(Duration.ofSeconds(30), -1, List.of()))
        .hasMessage(
            "x0tta6bl4.executor.command.output-tail must be between 0 and 100000, but was -1");
    assertThatThrownBy(
            () ->
                new ExecutorProperties.Command(
                    Duration.ofSeconds(30), 2000, List.of("systemctl", "bin/restart")))
        .hasMessage(
            "x0tta6bl4.executor.command.allowed-programs[1] must be a program name or an absolute"
                + " path, but was 'bin/restart'");
  }

  @Test
  void commandDefaultsAllowAnyProgram() {
    ExecutorProperties.Command command =
        new ExecutorProperties.Command(Duration.ofSeconds(30), 2000, null);

    assertThat(command).isEqualTo(ExecutorProperties.Command.defaults());
    assertThat(command.allowedPrograms()).isEmpty();
  }
}
