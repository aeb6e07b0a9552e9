package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.Tracing;
import io.x0tta6bl4.mapek.monitor.probe.HttpProbeSource;
import io.x0tta6bl4.mapek.monitor.scrape.ExpositionParser;
import io.x0tta6bl4.mapek.monitor.scrape.PrometheusScrapeSource;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Makes the source that observes a target: a {@link PrometheusScrapeSource} for {@code prometheus},
 * an {@link HttpProbeSource} for {@code http}. All of them share one HTTP client, the body size
 * limit and the sample limit. The sources keep no state between collections, so making a new one
 * when a target changes is cheap. A {@code self} target is observed by the {@link SelfSource} the
 * Monitor's configuration builds, not by this factory.
 */
public final class TargetSources {

  private final TargetHttp http;
  private final ExpositionParser parser;
  private final LongSupplier nanoTime;

  /** Sources on a new shared client, timed with {@link System#nanoTime()}. */
  public TargetSources(long maxBodyBytes, int maxSamples) {
    this(TargetHttp.newClient(), maxBodyBytes, maxSamples, System::nanoTime);
  }

  /**
   * @param client shared by every source made here
   * @param maxBodyBytes most bytes of a response body; a larger one marks the target down
   * @param maxSamples most samples of one exposition; more mark the target down
   * @param nanoTime a monotonic clock in nanoseconds, for the duration series
   */
  public TargetSources(
      HttpClient client, long maxBodyBytes, int maxSamples, LongSupplier nanoTime) {
    this(client, maxBodyBytes, maxSamples, nanoTime, Tracing.NONE);
  }

  /**
   * @param tracing where every scrape and probe becomes a CLIENT span
   */
  public TargetSources(
      HttpClient client,
      long maxBodyBytes,
      int maxSamples,
      LongSupplier nanoTime,
      Tracing tracing) {
    this.http = new TargetHttp(client, maxBodyBytes, tracing);
    this.parser = new ExpositionParser(maxSamples);
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * The source for {@code target}.
   *
   * @throws IllegalArgumentException for a {@code self} target
   */
  public MetricSource create(Target target) {
    return switch (target.kind()) {
      case PROMETHEUS -> new PrometheusScrapeSource(target, http, parser, nanoTime);
      case HTTP -> new HttpProbeSource(target, http, nanoTime);
      case SELF ->
          throw new IllegalArgumentException(
              "target '"
                  + target.id()
                  + "' is the controller itself: it is observed by the self source"
                  + " (x0tta6bl4.monitor.self), not made here");
    };
  }
}
