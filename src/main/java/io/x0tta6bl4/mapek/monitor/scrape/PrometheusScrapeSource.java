package io.x0tta6bl4.mapek.monitor.scrape;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.monitor.Durations;
import io.x0tta6bl4.mapek.monitor.MetricSource;
import io.x0tta6bl4.mapek.monitor.TargetDownException;
import io.x0tta6bl4.mapek.monitor.TargetHttp;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Scrapes a {@link Target.Kind#PROMETHEUS} target: GETs its metrics endpoint, preferring
 * OpenMetrics, and turns every sample into an observation of the target, with the target's labels
 * added (a scraped label of the same name is kept as {@code exported_<name>}, as Prometheus does).
 * Like Prometheus it adds {@value #UP} = 1, {@value #DURATION} and {@value #SAMPLES}.
 *
 * <p>The target is down, with the reason, on a timeout (the target's, covering the whole exchange),
 * a refused connection, a status other than 200 ("HTTP 503"), a body over the size limit, or a body
 * that is not a valid exposition ("invalid exposition, line 1: expected a metric name, found
 * '<html>'"); the failure then carries {@value #UP} = 0, {@value #DURATION} and {@value #SAMPLES} =
 * 0.
 */
public final class PrometheusScrapeSource implements MetricSource {

  public static final String ACCEPT =
      "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  /** 1 when the scrape succeeded, 0 when the target is down. */
  public static final String UP = "up";

  /** How long the scrape took, request and parsing, in seconds. */
  public static final String DURATION = "scrape_duration_seconds";

  /** How many samples the exposition held. */
  public static final String SAMPLES = "scrape_samples_scraped";

  private final Target target;
  private final TargetHttp http;
  private final ExpositionParser parser;
  private final LongSupplier nanoTime;

  /**
   * @param target a PROMETHEUS target
   * @param http the shared, size-limited HTTP access
   * @param parser holds the sample limit
   * @param nanoTime a monotonic clock in nanoseconds, for {@value #DURATION}
   */
  public PrometheusScrapeSource(
      Target target, TargetHttp http, ExpositionParser parser, LongSupplier nanoTime) {
    this.target = Objects.requireNonNull(target, "target");
    if (target.kind() != Target.Kind.PROMETHEUS) {
      throw new IllegalArgumentException(
          "target '" + target.id() + "' is of kind " + target.kind().id() + ", not prometheus");
    }
    this.http = Objects.requireNonNull(http, "http");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  @Override
  public String target() {
    return target.id();
  }

  @Override
  public Duration timeout() {
    return target.timeout();
  }

  @Override
  public List<Observation> collect(Instant now) throws TargetDownException, InterruptedException {
    return http.traced(TraceNames.SCRAPE, target, this::observe);
  }

  private List<Observation> observe(TraceSpan span)
      throws TargetDownException, InterruptedException {
    long began = nanoTime.getAsLong();
    List<Sample> samples;
    try {
      samples = scrape(span);
    } catch (ScrapeException e) {
      throw new TargetDownException(
          "invalid exposition, " + e.getMessage(), summary(0, began, 0), e);
    } catch (TargetDownException e) {
      throw new TargetDownException(e.getMessage(), summary(0, began, 0), e);
    }
    span.set(TraceNames.SAMPLES, samples.size());
    List<Observation> summary = summary(1, began, samples.size());
    List<Observation> out = new ArrayList<>(samples.size() + summary.size());
    for (Sample sample : samples) {
      out.add(new Observation(target.id(), sample.name(), labels(sample), sample.value()));
    }
    out.addAll(summary);
    return out;
  }

  private List<Sample> scrape(TraceSpan span) throws TargetDownException, InterruptedException {
    TargetHttp.Response response =
        http.get(target.url(), target.timeout(), ACCEPT, status -> status == 200, span);
    if (response.status() != 200) {
      throw new TargetDownException("HTTP " + response.status());
    }
    try {
      return parser.parse(
          new ByteArrayInputStream(response.body()), ExpositionFormat.of(response.contentType()));
    } catch (IOException e) {
      throw new TargetDownException("unreadable body: " + e.getMessage(), e);
    }
  }

  private List<Observation> summary(double up, long began, int samples) {
    double seconds = Durations.seconds(nanoTime.getAsLong() - began);
    Map<String, String> labels = target.labels();
    return List.of(
        new Observation(target.id(), UP, labels, up),
        new Observation(target.id(), DURATION, labels, seconds),
        new Observation(target.id(), SAMPLES, labels, samples));
  }

  /** The sample's labels plus the target's; the target's win a clash. */
  private Map<String, String> labels(Sample sample) {
    Map<String, String> own = target.labels();
    if (own.isEmpty()) {
      return sample.labels();
    }
    if (sample.labels().isEmpty()) {
      return own;
    }
    Map<String, String> merged = new HashMap<>(sample.labels().size() + own.size());
    sample
        .labels()
        .forEach(
            (name, value) -> merged.put(own.containsKey(name) ? "exported_" + name : name, value));
    merged.putAll(own);
    return merged;
  }
}
