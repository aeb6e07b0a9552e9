package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.PeerTls;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.Tracing;
import io.x0tta6bl4.mapek.monitor.probe.HttpProbeSource;
import io.x0tta6bl4.mapek.monitor.scrape.ExpositionParser;
import io.x0tta6bl4.mapek.monitor.scrape.PrometheusScrapeSource;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Makes the source that observes a target: a {@link PrometheusScrapeSource} for {@code prometheus},
 * an {@link HttpProbeSource} for {@code http}. All of them share one HTTP client, the body size
 * limit and the sample limit; a target with a {@code spiffe-id} is reached over mutual TLS with a
 * client made once per SPIFFE ID. The sources keep no state between collections, so making a new
 * one when a target changes is cheap. A {@code self} target is observed by the {@link SelfSource}
 * the Monitor's configuration builds, not by this factory.
 */
public final class TargetSources {

  private final TargetHttp http;
  private final PeerTls peerTls;
  private final long maxBodyBytes;
  private final ExpositionParser parser;
  private final LongSupplier nanoTime;
  private final Tracing tracing;
  private final Map<String, TargetHttp> mutualTls = new ConcurrentHashMap<>();

  /** Sources on a new shared client, timed with {@link System#nanoTime()}, without mutual TLS. */
  public TargetSources(long maxBodyBytes, int maxSamples) {
    this(TargetHttp.newClient(), PeerTls.unavailable(), maxBodyBytes, maxSamples, System::nanoTime);
  }

  /**
   * @param client shared by every source made here whose target has no SPIFFE ID
   * @param peerTls mutual TLS for targets with a SPIFFE ID
   * @param maxBodyBytes most bytes of a response body; a larger one marks the target down
   * @param maxSamples most samples of one exposition; more mark the target down
   * @param nanoTime a monotonic clock in nanoseconds, for the duration series
   */
  public TargetSources(
      HttpClient client,
      PeerTls peerTls,
      long maxBodyBytes,
      int maxSamples,
      LongSupplier nanoTime) {
    this(client, peerTls, maxBodyBytes, maxSamples, nanoTime, Tracing.NONE);
  }

  /**
   * @param tracing where every scrape and probe becomes a CLIENT span
   */
  public TargetSources(
      HttpClient client,
      PeerTls peerTls,
      long maxBodyBytes,
      int maxSamples,
      LongSupplier nanoTime,
      Tracing tracing) {
    this.tracing = Objects.requireNonNull(tracing, "tracing");
    this.http = new TargetHttp(client, maxBodyBytes, tracing);
    this.peerTls = Objects.requireNonNull(peerTls, "peerTls");
    this.maxBodyBytes = maxBodyBytes;
    this.parser = new ExpositionParser(maxSamples);
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /**
   * The source for {@code target}.
   *
   * @throws IllegalArgumentException for a {@code self} target
   */
  public MetricSource create(Target target) {
    if (target.mutualTls() && !peerTls.available()) {
      return new Unreachable(target.id(), target.timeout(), PeerTls.MISSING);
    }
    TargetHttp client = target.mutualTls() ? mutualTls(target.spiffeId()) : http;
    return switch (target.kind()) {
      case PROMETHEUS -> new PrometheusScrapeSource(target, client, parser, nanoTime);
      case HTTP -> new HttpProbeSource(target, client, nanoTime);
      case SELF ->
          throw new IllegalArgumentException(
              "target '"
                  + target.id()
                  + "' is the controller itself: it is observed by the self source"
                  + " (x0tta6bl4.monitor.self), not made here");
    };
  }

  /** One client per SPIFFE ID: the ID is part of the TLS context, and targets share few IDs. */
  private TargetHttp mutualTls(String spiffeId) {
    return mutualTls.computeIfAbsent(
        spiffeId,
        id ->
            new TargetHttp(
                peerTls.secure(TargetHttp.builder(), id).build(), maxBodyBytes, tracing));
  }

  /** A target that cannot be observed as configured: down every cycle, with the reason. */
  private record Unreachable(String target, Duration timeout, String reason)
      implements MetricSource {
    @Override
    public List<Observation> collect(Instant now) throws TargetDownException {
      throw new TargetDownException(reason);
    }
  }
}
