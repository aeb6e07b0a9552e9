package io.x0tta6bl4.mapek;

import java.net.URI;

/**
 * Span names and attribute keys: what a trace viewer shows and what queries filter on. Keys of HTTP
 * calls follow the OpenTelemetry semantic conventions; the others start with {@code mapek.}.
 */
public final class TraceNames {

  /** Root span of one cycle; its phases are children named {@code mapek.<phase>}. */
  public static final String CYCLE = "mapek.cycle";

  public static final String SCRAPE = "mapek.scrape";
  public static final String PROBE = "mapek.probe";
  public static final String ACTION = "mapek.action";
  public static final String WEBHOOK = "mapek.webhook";
  public static final String KUBERNETES = "mapek.kubernetes";

  public static final String CYCLE_ID = "mapek.cycle.id";
  public static final String MODE = "mapek.mode";
  public static final String OBSERVATIONS = "mapek.observations";
  public static final String TARGETS = "mapek.targets";
  public static final String TARGETS_DOWN = "mapek.targets.down";
  public static final String ANOMALIES = "mapek.anomalies";
  public static final String ACTIONS = "mapek.actions";
  public static final String ACTIONS_SUPPRESSED = "mapek.actions.suppressed";
  public static final String ACTIONS_FAILED = "mapek.actions.failed";
  public static final String PHASE_ERRORS = "mapek.phase.errors";

  public static final String TARGET = "mapek.target";
  public static final String SAMPLES = "mapek.scrape.samples";
  public static final String ACTION_ID = "mapek.action.id";
  public static final String ACTION_KIND = "mapek.action.kind";
  public static final String ACTION_STATUS = "mapek.action.status";
  public static final String ACTION_ATTEMPTS = "mapek.action.attempts";
  public static final String KUBERNETES_OPERATION = "mapek.kubernetes.operation";
  public static final String KUBERNETES_NAMESPACE = "k8s.namespace.name";
  public static final String KUBERNETES_OBJECT = "mapek.kubernetes.object";

  public static final String HTTP_METHOD = "http.request.method";
  public static final String HTTP_STATUS = "http.response.status_code";
  public static final String HTTP_RESEND_COUNT = "http.request.resend_count";
  public static final String URL = "url.full";
  public static final String SERVER_ADDRESS = "server.address";
  public static final String SERVER_PORT = "server.port";

  private TraceNames() {}

  /** Span name of a phase: {@code mapek.monitor}, ..., {@code mapek.knowledge}. */
  public static String phase(Phase phase) {
    return "mapek." + phase.id();
  }

  /**
   * Starts a CLIENT span for one HTTP request with method, URL and server; the URL loses its user
   * info, query and fragment, where tokens usually travel, since spans leave the process.
   */
  public static TraceSpan httpCall(Tracing tracing, String name, String method, URI url) {
    TraceSpan span =
        tracing
            .child(name, Tracing.SpanKind.CLIENT)
            .set(HTTP_METHOD, method)
            .set(URL, safeUrl(url));
    if (url.getHost() != null) {
      span.set(SERVER_ADDRESS, url.getHost());
      span.set(SERVER_PORT, port(url));
    }
    return span;
  }

  /**
   * {@code scheme://host[:port]/path}, with {@code ?…} standing for a query; any other URI as it
   * is.
   */
  public static String safeUrl(URI url) {
    if (url == null || !url.isAbsolute() || url.getHost() == null) {
      return String.valueOf(url);
    }
    String port = url.getPort() < 0 ? "" : ":" + url.getPort();
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String query = url.getRawQuery() == null ? "" : "?…";
    return url.getScheme() + "://" + url.getHost() + port + path + query;
  }

  private static long port(URI url) {
    if (url.getPort() >= 0) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
