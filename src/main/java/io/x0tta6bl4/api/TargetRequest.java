package io.x0tta6bl4.api;

import io.x0tta6bl4.mapek.Target;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A target as a client sends it. {@code kind} is {@code prometheus} or {@code http}; {@code
 * timeout} takes {@code 500ms}, {@code 2s} or ISO-8601; everything but {@code kind} and {@code url}
 * is optional. On PUT the id comes from the path.
 */
record TargetRequest(
    String id,
    String kind,
    String url,
    String timeout,
    Integer expectedStatus,
    String jsonPointer,
    String expectedJsonValue,
    String group,
    Map<String, String> labels,
    String spiffeId) {

  /** The validated target; field errors become a 400 naming the field. */
  Target toTarget(String pathId) {
    String targetId = pathId != null ? pathId : id;
    if (pathId != null && id != null && !id.equals(pathId)) {
      throw InvalidRequestException.of(
          "id", "must match the path id '" + pathId + "', but was '" + id + "'");
    }
    if (targetId == null) {
      throw InvalidRequestException.of("id", "is required");
    }
    try {
      return new Target(
          targetId,
          parsedKind(),
          parsedUrl(),
          parsedTimeout(),
          expectedStatus == null ? 0 : expectedStatus,
          jsonPointer,
          expectedJsonValue,
          group,
          labels,
          spiffeId);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage(), java.util.List.of());
    }
  }

  private Target.Kind parsedKind() {
    if (kind == null) {
      throw InvalidRequestException.of("kind", "is required: prometheus or http");
    }
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "prometheus" -> Target.Kind.PROMETHEUS;
      case "http" -> Target.Kind.HTTP;
      default ->
          throw InvalidRequestException.of(
              "kind", "must be prometheus or http, but was '" + kind + "'");
    };
  }

  private URI parsedUrl() {
    if (url == null) {
      throw InvalidRequestException.of("url", "is required");
    }
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw InvalidRequestException.of("url", "is not a valid URL: " + e.getReason());
    }
  }

  private Duration parsedTimeout() {
    if (timeout == null) {
      return null;
    }
    return HumanDurations.parse(timeout)
        .orElseThrow(
            () ->
                InvalidRequestException.of(
                    "timeout",
                    "must be a duration like 500ms, 2s or PT2S, but was '" + timeout + "'"));
  }
}
