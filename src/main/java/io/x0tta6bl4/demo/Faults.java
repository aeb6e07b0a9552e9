package io.x0tta6bl4.demo;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The demo service's faults and counters. Faults, injected with {@code POST /fault/<name>}, last
 * until {@code clear} or until the process restarts (a restart is the remedy):
 *
 * <ul>
 *   <li>{@code crash} — the process exits at once (handled by {@link DemoTarget}, like kill -9);
 *   <li>{@code hang} — requests are accepted and never answered;
 *   <li>{@code errors} — {@code /health} answers 503;
 *   <li>{@code latency?ms=N} — {@code /health} answers after N ms (default 2000);
 *   <li>{@code leak?step=BYTES} — {@code demo_memory_bytes} grows by BYTES (default 1 MiB) with
 *       every request, emulating slow memory growth; it starts at {@value #BASE_MEMORY_BYTES};
 *   <li>{@code flap?every=N} — {@code /health} answers 503 for N requests, then 200 for N, and so
 *       on (default 2), starting with the unhealthy phase;
 *   <li>{@code clear} — all of the above off; the emulated memory stays where it grew to.
 * </ul>
 *
 * Access is synchronized: the server answers a handful of requests per second.
 */
final class Faults {

  static final long BASE_MEMORY_BYTES = 50L * 1024 * 1024;
  static final String KNOWN =
      "crash, hang, errors, latency?ms=N, leak?step=BYTES, flap?every=N, clear";

  private boolean hang;
  private boolean errors;
  private long latencyMillis;
  private long leakStep;
  private long flapEvery;
  private long flapRequests;

  private long healthRequests;
  private long metricsRequests;
  private boolean lastHealthFailed;
  private long lastLatencyNanos;
  private long memoryBytes = BASE_MEMORY_BYTES;

  synchronized boolean hanging() {
    return hang;
  }

  synchronized long latencyMillis() {
    return latencyMillis;
  }

  /** Counts a {@code /health} request; answers whether it is to be answered healthy. */
  synchronized boolean onHealthRequest() {
    healthRequests++;
    memoryBytes += leakStep;
    if (errors) {
      return false;
    }
    if (flapEvery > 0) {
      return (flapRequests++ / flapEvery) % 2 == 1;
    }
    return true;
  }

  /** Records how a {@code /health} answer went, for {@code demo_errors} and the latency gauge. */
  synchronized void answered(boolean healthy, long nanos) {
    lastHealthFailed = !healthy;
    lastLatencyNanos = nanos;
  }

  /** Counts a {@code /metrics} request and answers the exposition. */
  synchronized String onMetricsRequest() {
    metricsRequests++;
    memoryBytes += leakStep;
    return """
        # HELP demo_requests_total Requests served, by path.
        # TYPE demo_requests_total counter
        demo_requests_total{path="/health"} %d
        demo_requests_total{path="/metrics"} %d
        # HELP demo_errors 1 when the newest /health answer was a 503, else 0.
        # TYPE demo_errors gauge
        demo_errors %d
        # HELP demo_memory_bytes Emulated memory in use; grows with every request under the leak fault.
        # TYPE demo_memory_bytes gauge
        demo_memory_bytes %d
        # HELP demo_latency_seconds How long the newest /health answer took.
        # TYPE demo_latency_seconds gauge
        demo_latency_seconds %s
        """
        .formatted(
            healthRequests,
            metricsRequests,
            lastHealthFailed ? 1 : 0,
            memoryBytes,
            String.format(Locale.ROOT, "%.6f", lastLatencyNanos / 1e9));
  }

  /**
   * Injects the named fault (all but {@code crash}) with its query parameters.
   *
   * @return a line describing the fault now active, or starting with "unknown" when there is none
   *     of that name or a parameter is not a non-negative number
   */
  synchronized String inject(String name, String query) {
    Map<String, String> params = params(query);
    try {
      switch (name) {
        case "hang" -> hang = true;
        case "errors" -> errors = true;
        case "latency" -> latencyMillis = number(params, "ms", 2000);
        case "leak" -> leakStep = number(params, "step", 1024 * 1024);
        case "flap" -> {
          flapEvery = Math.max(1, number(params, "every", 2));
          flapRequests = 0;
        }
        case "clear" -> clear();
        default -> {
          return "unknown fault '" + name + "'; known: " + KNOWN;
        }
      }
    } catch (NumberFormatException e) {
      return "unknown value in '" + query + "': " + e.getMessage();
    }
    return "fault " + name + (params.isEmpty() ? "" : " " + params);
  }

  private void clear() {
    hang = false;
    errors = false;
    latencyMillis = 0;
    leakStep = 0;
    flapEvery = 0;
  }

  private static long number(Map<String, String> params, String key, long otherwise) {
    String text = params.get(key);
    if (text == null) {
      return otherwise;
    }
    long value = Long.parseLong(text);
    if (value < 0) {
      throw new NumberFormatException(key + " must not be negative, but was " + value);
    }
    return value;
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new HashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    return params;
  }
}
