package io.x0tta6bl4.mapek.monitor.probe;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TraceNames;
import io.x0tta6bl4.mapek.TraceSpan;
import io.x0tta6bl4.mapek.monitor.Durations;
import io.x0tta6bl4.mapek.monitor.MetricSource;
import io.x0tta6bl4.mapek.monitor.TargetDownException;
import io.x0tta6bl4.mapek.monitor.TargetHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Probes a {@link Target.Kind#HTTP} target like the blackbox exporter: GETs its URL and reports
 * {@value #SUCCESS}, {@value #DURATION} and {@value #STATUS} (0 when no response arrived).
 *
 * <p>The probe succeeds when the status is the target's {@code expectedStatus} and, with a {@code
 * jsonPointer}, the body is JSON and the value at the pointer exists and, with an {@code
 * expectedJsonValue}, equals it as text (a string's content, a number, {@code true}, {@code null};
 * an object or array as compact JSON).
 *
 * <p>Rule: whenever {@value #SUCCESS} would be 0 the target is down, so the source throws a {@link
 * ProbeFailedException} with the reason, carrying the three series ({@value #SUCCESS} = 0). A wrong
 * status or JSON value thus counts towards {@code target_down} exactly like a refused connection or
 * a timeout.
 */
public final class HttpProbeSource implements MetricSource {

  /** 1 when the probe succeeded, 0 when it failed. */
  public static final String SUCCESS = "probe_success";

  /** How long the probe took, in seconds. */
  public static final String DURATION = "probe_duration_seconds";

  /** The response's status, 0 when none arrived. */
  public static final String STATUS = "probe_http_status_code";

  private static final int MAX_SHOWN = 100;

  private final Target target;
  private final TargetHttp http;
  private final JsonPointer pointer;
  private final LongSupplier nanoTime;
  private final JsonMapper json =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  /**
   * @param target an HTTP target
   * @param http the shared, size-limited HTTP access
   * @param nanoTime a monotonic clock in nanoseconds, for {@value #DURATION}
   */
  public HttpProbeSource(Target target, TargetHttp http, LongSupplier nanoTime) {
    this.target = Objects.requireNonNull(target, "target");
    if (target.kind() != Target.Kind.HTTP) {
      throw new IllegalArgumentException(
          "target '" + target.id() + "' is of kind " + target.kind().id() + ", not http");
    }
    this.http = Objects.requireNonNull(http, "http");
    this.pointer = pointer(target);
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  private static JsonPointer pointer(Target target) {
    String text = target.jsonPointer();
    return text == null || text.isEmpty() ? null : JsonPointer.compile(text);
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
  public List<Observation> collect(Instant now) throws ProbeFailedException, InterruptedException {
    return http.traced(TraceNames.PROBE, target, this::probe);
  }

  private List<Observation> probe(TraceSpan span)
      throws ProbeFailedException, InterruptedException {
    long began = nanoTime.getAsLong();
    TargetHttp.Response response;
    try {
      response =
          http.get(
              target.url(),
              target.timeout(),
              pointer == null ? "*/*" : "application/json",
              status -> pointer != null && status == target.expectedStatus(),
              span);
    } catch (TargetDownException e) {
      throw new ProbeFailedException(e.getMessage(), series(0, began, 0), e);
    }
    String problem = problem(response);
    List<Observation> series = series(problem == null ? 1 : 0, began, response.status());
    if (problem != null) {
      throw new ProbeFailedException(problem, series, null);
    }
    return series;
  }

  /** Why the probe failed, or null when it succeeded. */
  private String problem(TargetHttp.Response response) {
    if (response.status() != target.expectedStatus()) {
      return "HTTP " + response.status() + ", expected " + target.expectedStatus();
    }
    if (pointer == null) {
      return null;
    }
    JsonNode root;
    try {
      root = json.readTree(response.body());
    } catch (JacksonException e) {
      return "body is not JSON: " + bounded(e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      return "body is empty, expected JSON";
    }
    return valueProblem(root.at(pointer));
  }

  private String valueProblem(JsonNode node) {
    String expected = target.expectedJsonValue();
    String where = target.jsonPointer();
    if (node.isMissingNode()) {
      return where + " is missing" + (expected == null ? "" : ", expected " + quoted(expected));
    }
    if (expected == null) {
      return null;
    }
    String actual = node.isNull() ? "null" : node.isValueNode() ? node.asString() : node.toString();
    return actual.equals(expected)
        ? null
        : where + " was " + quoted(actual) + ", expected " + quoted(expected);
  }

  private List<Observation> series(double success, long began, int status) {
    double seconds = Durations.seconds(nanoTime.getAsLong() - began);
    return List.of(
        new Observation(target.id(), SUCCESS, target.labels(), success),
        new Observation(target.id(), DURATION, target.labels(), seconds),
        new Observation(target.id(), STATUS, target.labels(), status));
  }

  private static String quoted(String text) {
    return "\"" + bounded(text) + "\"";
  }

  private static String bounded(String text) {
    if (text == null) {
      return "";
    }
    return text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN - 1) + "…";
  }
}
