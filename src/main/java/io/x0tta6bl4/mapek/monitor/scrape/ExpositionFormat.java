package io.x0tta6bl4.mapek.monitor.scrape;

import java.util.Locale;

/** The two formats a Prometheus endpoint answers in, told apart by the response's media type. */
public enum ExpositionFormat {
  /** Prometheus text format 0.0.4: timestamps in integer milliseconds. */
  TEXT,
  /** OpenMetrics 1.0: timestamps in float seconds, and the body must end with {@code # EOF}. */
  OPENMETRICS;

  /** OpenMetrics for {@code application/openmetrics-text}, the text format for anything else. */
  public static ExpositionFormat of(String contentType) {
    if (contentType == null) {
      return TEXT;
    }
    int end = contentType.indexOf(';');
    String media = (end < 0 ? contentType : contentType.substring(0, end)).trim();
    return media.toLowerCase(Locale.ROOT).equals("application/openmetrics-text")
        ? OPENMETRICS
        : TEXT;
  }
}
