package io.x0tta6bl4.api;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.mapek.monitor.TargetRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A target as the API shows it, with where it was defined ({@code config} or {@code api}) and what
 * the newest cycle saw of it ({@code up} is null until a cycle observed it).
 */
record TargetView(
    String id,
    String kind,
    String url,
    Duration timeout,
    int expectedStatus,
    String jsonPointer,
    String expectedJsonValue,
    String group,
    Map<String, String> labels,
    String spiffeId,
    String origin,
    Boolean up,
    String reason,
    Instant observedAt) {

  static TargetView of(TargetRegistry.Registered registered, TargetStatus status, Instant at) {
    Target t = registered.target();
    return new TargetView(
        t.id(),
        t.kind().id(),
        t.url() == null ? null : t.url().toString(),
        t.timeout(),
        t.expectedStatus(),
        t.jsonPointer(),
        t.expectedJsonValue(),
        t.group(),
        t.labels(),
        t.spiffeId(),
        registered.origin().name().toLowerCase(Locale.ROOT),
        status == null ? null : status.up(),
        status == null ? null : status.reason(),
        status == null ? null : at);
  }
}
