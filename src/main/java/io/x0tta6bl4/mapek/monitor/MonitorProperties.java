package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.monitor.scrape.ExpositionParser;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Monitor, under {@code x0tta6bl4.monitor}.
 *
 * @param self the source that observes the controller itself
 * @param concurrency most targets observed at the same time (threads {@code monitor-N})
 * @param maxBodyBytes most bytes of a scraped or probed response body; a larger body marks the
 *     target down
 * @param maxSamples most samples one scraped exposition may hold; more mark the target down
 * @param targets targets declared in configuration (more can be created through the API): {@code
 *     id}, {@code kind} ({@code prometheus} | {@code http}), {@code url}, {@code timeout} (2s),
 *     {@code expected-status} (200), {@code json-pointer}, {@code expected-json-value}, {@code
 *     group}, {@code labels}
 */
@ConfigurationProperties(prefix = "x0tta6bl4.monitor", ignoreUnknownFields = false)
public record MonitorProperties(
    @DefaultValue Self self,
    @DefaultValue("8") int concurrency,
    @DefaultValue("10485760") long maxBodyBytes,
    @DefaultValue("50000") int maxSamples,
    List<Target> targets) {

  static final String PREFIX = "x0tta6bl4.monitor.";

  /** Each thread may hold a hung connection, so the pool stays small. */
  static final int MAX_CONCURRENCY = 64;

  static final long MIN_BODY_BYTES = 1024;
  static final long MAX_BODY_BYTES = 1L << 30;
  static final int MAX_SAMPLES_LIMIT = 10_000_000;

  public MonitorProperties {
    if (self == null) {
      throw new IllegalArgumentException(PREFIX + "self must not be null");
    }
    requireBetween("concurrency", concurrency, 1, MAX_CONCURRENCY);
    requireBetween("max-body-bytes", maxBodyBytes, MIN_BODY_BYTES, MAX_BODY_BYTES);
    requireBetween("max-samples", maxSamples, 1, MAX_SAMPLES_LIMIT);
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /** Every key at its default, for tests and for code that builds a Monitor by hand. */
  public static MonitorProperties defaults() {
    return new MonitorProperties(
        new Self(true, "self", Path.of("./data")),
        SourcesMonitor.DEFAULT_CONCURRENCY,
        TargetHttp.DEFAULT_MAX_BODY_BYTES,
        ExpositionParser.DEFAULT_MAX_SAMPLES,
        List.of());
  }

  private static void requireBetween(String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          PREFIX + key + " must be between " + min + " and " + max + ", but was " + value);
    }
  }

  /**
   * @param enabled whether the controller observes itself
   * @param target the target id of the controller's own observations
   * @param dataDirectory directory whose free disk space is watched
   */
  public record Self(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("self") String target,
      @DefaultValue("./data") Path dataDirectory) {

    public Self {
      if (target == null || target.isBlank()) {
        throw new IllegalArgumentException("x0tta6bl4.monitor.self.target must not be blank");
      }
    }
  }
}
