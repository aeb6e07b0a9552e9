package io.x0tta6bl4.mapek;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Something the controller watches and heals.
 *
 * @param id unique id: lower-case letters, digits, '.', '_' and '-', 1 to 63 characters, starting
 *     with a letter or digit; it appears in metric tags, so it is bounded
 * @param kind how it is observed
 * @param url the metrics endpoint (PROMETHEUS) or the probed URL (HTTP); null for SELF
 * @param timeout how long one observation may take before the target counts as down
 * @param expectedStatus HTTP status a probe expects (HTTP only; 200 by default)
 * @param jsonPointer optional RFC 6901 pointer into a probe's JSON body (HTTP only), e.g. {@code
 *     /status}
 * @param expectedJsonValue the text the pointed-to value must equal (with {@code jsonPointer})
 * @param group optional group name, for limits that keep part of a group healthy
 * @param labels extra labels added to every observation of the target
 * @param spiffeId when set, the target is reached over mutual TLS: the controller presents its own
 *     X.509 SVID and accepts the server only if its certificate carries exactly this SPIFFE ID (the
 *     URL must be https); null for ordinary http or https
 */
public record Target(
    String id,
    Kind kind,
    URI url,
    Duration timeout,
    int expectedStatus,
    String jsonPointer,
    String expectedJsonValue,
    String group,
    Map<String, String> labels,
    String spiffeId) {

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

  /** How a target is observed. */
  public enum Kind {
    /** Scrape a metrics endpoint in the Prometheus text format or OpenMetrics. */
    PROMETHEUS,
    /** Probe a URL: expected status, latency, optionally a JSON field. */
    HTTP,
    /** The controller itself. */
    SELF;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Target {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id must be 1-63 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or"
              + " digit, but was '"
              + id
              + "'");
    }
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.SELF) {
      if (url == null
          || !("http".equalsIgnoreCase(url.getScheme())
              || "https".equalsIgnoreCase(url.getScheme()))
          || url.getHost() == null) {
        throw new IllegalArgumentException(
            "url of target '" + id + "' must be an absolute http or https URL, but was " + url);
      }
    }
    timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          "timeout of target '" + id + "' must be between 1ms and 1m, but was " + timeout);
    }
    expectedStatus = expectedStatus == 0 ? 200 : expectedStatus;
    if (expectedStatus < 100 || expectedStatus > 599) {
      throw new IllegalArgumentException(
          "expected-status of target '" + id + "' must be 100-599, but was " + expectedStatus);
    }
    if (jsonPointer != null && !jsonPointer.isEmpty() && !jsonPointer.startsWith("/")) {
      throw new IllegalArgumentException(
          "json-pointer of target '" + id + "' must start with '/', but was '" + jsonPointer + "'");
    }
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    spiffeId = spiffeId == null || spiffeId.isBlank() ? null : spiffeId.strip();
    if (spiffeId != null) {
      if (kind == Kind.SELF) {
        throw new IllegalArgumentException(
            "spiffe-id of target '" + id + "' applies to prometheus and http targets only");
      }
      if (!SpiffeIds.valid(spiffeId)) {
        throw new IllegalArgumentException(
            "spiffe-id of target '"
                + id
                + "' must be a SPIFFE ID like spiffe://example.org/ns/web/sa/api, but was '"
                + spiffeId
                + "'");
      }
      if (!"https".equalsIgnoreCase(url.getScheme())) {
        throw new IllegalArgumentException(
            "target '" + id + "' has a spiffe-id, so its url must be https, but was " + url);
      }
    }
  }

  /** Whether the target is reached over mutual TLS with the controller's SVID. */
  public boolean mutualTls() {
    return spiffeId != null;
  }

  /** The controller itself, under the given id. */
  public static Target self(String id) {
    return new Target(id, Kind.SELF, null, null, 0, null, null, null, Map.of(), null);
  }
}
