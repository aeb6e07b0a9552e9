package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.SpiffeIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the Executor runs actions ({@code x0tta6bl4.executor.*}).
 *
 * @param actionTimeout longest one action may run, retries included, before it is cancelled and
 *     recorded as FAILED
 * @param maxConcurrent most actions in flight in the whole process; an action beyond it is SKIPPED
 * @param webhook the {@code webhook} action
 * @param command the {@code command} action
 * @param approvalTimeout how long an action whose step requires approval waits before it expires
 *     (SKIPPED)
 */
@ConfigurationProperties(prefix = "x0tta6bl4.executor", ignoreUnknownFields = false)
@Validated
public record ExecutorProperties(
    @DefaultValue("10s") @NotNull Duration actionTimeout,
    @DefaultValue("4") int maxConcurrent,
    @DefaultValue @NotNull @Valid Webhook webhook,
    @DefaultValue @NotNull @Valid Command command,
    @DefaultValue("15m") Duration approvalTimeout) {

  static final String PREFIX = "x0tta6bl4.executor.";

  /** Upper bound for {@code max-concurrent}: each action in flight holds a worker thread. */
  static final int MAX_CONCURRENT_LIMIT = 64;

  public ExecutorProperties {
    requirePositive("action-timeout", actionTimeout);
    requirePositive("approval-timeout", approvalTimeout);
    if (maxConcurrent < 1 || maxConcurrent > MAX_CONCURRENT_LIMIT) {
      throw new IllegalArgumentException(
          PREFIX
              + "max-concurrent must be between 1 and "
              + MAX_CONCURRENT_LIMIT
              + ", but was "
              + maxConcurrent);
    }
    Objects.requireNonNull(webhook, PREFIX + "webhook");
    Objects.requireNonNull(command, PREFIX + "command");
  }

  /**
   * The {@code webhook} action ({@code x0tta6bl4.executor.webhook.*}).
   *
   * @param url where to POST when an action has no {@code params.url}; {@code null} for none
   * @param connectTimeout longest wait for a TCP/TLS connection
   * @param requestTimeout longest wait for the response headers of one request
   * @param maxRetries retries after the first attempt on a transient failure (0 = try once)
   * @param initialBackoff wait before the first retry
   * @param backoffMultiplier factor applied to the wait before each further retry (at least 1.0)
   * @param maxBackoff longest wait between two attempts
   * @param secret signs every request with HMAC-SHA256 when set (see {@link WebhookActionHandler});
   *     {@code null} or empty for unsigned requests. Its own type, so that no {@code toString()}
   *     ever prints it
   * @param spiffeId when set, webhooks without their own {@code params.spiffe-id} are sent over
   *     mutual TLS and the receiver must present this SPIFFE ID (the URL must be https)
   */
  public record Webhook(
      URI url,
      @DefaultValue("2s") @NotNull Duration connectTimeout,
      @DefaultValue("5s") @NotNull Duration requestTimeout,
      @DefaultValue("3") int maxRetries,
      @DefaultValue("200ms") @NotNull Duration initialBackoff,
      @DefaultValue("2.0") double backoffMultiplier,
      @DefaultValue("5s") @NotNull Duration maxBackoff,
      WebhookSecret secret,
      String spiffeId) {

    static final int MAX_RETRIES_LIMIT = 10;

    public Webhook {
      if (url != null && !WebhookUrls.isHttp(url)) {
        throw new IllegalArgumentException(
            PREFIX + "webhook.url must be an absolute http or https URL, but was " + url);
      }
      requirePositive("webhook.connect-timeout", connectTimeout);
      requirePositive("webhook.request-timeout", requestTimeout);
      if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
        throw new IllegalArgumentException(
            PREFIX
                + "webhook.max-retries must be between 0 and "
                + MAX_RETRIES_LIMIT
                + ", but was "
                + maxRetries);
      }
      requirePositive("webhook.initial-backoff", initialBackoff);
      if (!(backoffMultiplier >= 1.0 && backoffMultiplier <= 10.0)) {
        throw new IllegalArgumentException(
            PREFIX
                + "webhook.backoff-multiplier must be between 1.0 and 10.0, but was "
                + backoffMultiplier);
      }
      requirePositive("webhook.max-backoff", maxBackoff);
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException(
            PREFIX
                + "webhook.max-backoff must not be shorter than webhook.initial-backoff ("
                + initialBackoff
                + "), but was "
                + maxBackoff);
      }
      // `secret: ${WEBHOOK_SECRET:}` binds an empty value: that means "no secret"
      secret = secret == null || secret.isEmpty() ? null : secret;
      spiffeId = spiffeId == null || spiffeId.isBlank() ? null : spiffeId.strip();
      if (spiffeId != null && !SpiffeIds.valid(spiffeId)) {
        throw new IllegalArgumentException(
            PREFIX
                + "webhook.spiffe-id must be a SPIFFE ID like spiffe://example.org/ns/ops/sa/pager,"
                + " but was '"
                + spiffeId
                + "'");
      }
    }

    /** Shows the URL without the parts that may carry a token (records print every field). */
    @Override
    public String toString() {
      return "Webhook[url="
          + (url == null ? "none" : WebhookUrls.display(url))
          + ", connectTimeout="
          + connectTimeout
          + ", requestTimeout="
          + requestTimeout
          + ", maxRetries="
          + maxRetries
          + ", initialBackoff="
          + initialBackoff
          + ", backoffMultiplier="
          + backoffMultiplier
          + ", maxBackoff="
          + maxBackoff
          + ", secret="
          + (secret == null ? "none" : secret)
          + ", spiffeId="
          + (spiffeId == null ? "none" : spiffeId)
          + "]";
    }

    /** Defaults for every key, with no default URL and no secret. */
    public static Webhook defaults() {
      return new Webhook(
          null,
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          3,
          Duration.ofMillis(200),
          2.0,
          Duration.ofSeconds(5),
          null,
          null);
    }
  }

  /**
   * The {@code command} action ({@code x0tta6bl4.executor.command.*}).
   *
   * @param timeout how long a command may run when its action has no {@code params.timeout}; a
   *     command never runs longer than {@code action-timeout}, whichever is shorter wins
   * @param outputTail how many characters of the end of a command's output (stdout and stderr
   *     merged) are kept and logged; 0 keeps none
   * @param allowedPrograms the programs a command may run, each a bare name (matching an {@code
   *     argv.0} spelled the same, found on PATH) or an absolute path (matching the program a
   *     command resolves to); empty allows any program
   */
  public record Command(
      @DefaultValue("30s") @NotNull Duration timeout,
      @DefaultValue("2000") int outputTail,
      @DefaultValue List<String> allowedPrograms) {

    static final int MAX_OUTPUT_TAIL = 100_000;

    public Command {
      requirePositive("command.timeout", timeout);
      if (outputTail < 0 || outputTail > MAX_OUTPUT_TAIL) {
        throw new IllegalArgumentException(
            PREFIX
                + "command.output-tail must be between 0 and "
                + MAX_OUTPUT_TAIL
                + ", but was "
                + outputTail);
      }
      allowedPrograms = allowedPrograms == null ? List.of() : allowedPrograms;
      for (int i = 0; i < allowedPrograms.size(); i++) {
        String program = allowedPrograms.get(i);
        if (!CommandParams.isProgramName(program)) {
          throw new IllegalArgumentException(
              PREFIX
                  + "command.allowed-programs["
                  + i
                  + "] must be a program name or an absolute path, but was '"
                  + Texts.bounded(program, 100)
                  + "'");
        }
      }
      allowedPrograms = List.copyOf(allowedPrograms);
    }

    /** Defaults for every key: 30s, 2,000 characters, any program. */
    public static Command defaults() {
      return new Command(Duration.ofSeconds(30), 2000, List.of());
    }
  }

  private static void requirePositive(String key, Duration value) {
    Objects.requireNonNull(value, PREFIX + key);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(PREFIX + key + " must be positive, but was " + value);
    }
  }
}
