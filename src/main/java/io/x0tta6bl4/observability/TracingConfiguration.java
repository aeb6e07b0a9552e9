package io.x0tta6bl4.observability;

import io.micrometer.tracing.exporter.SpanExportingPredicate;
import io.opentelemetry.api.OpenTelemetry;
import io.x0tta6bl4.mapek.Tracing;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The loop's {@link Tracing} on Spring Boot's OpenTelemetry SDK. Where spans go is Boot's business:
 * {@code management.opentelemetry.tracing.export.otlp.*} and {@code management.tracing.*}, which
 * {@link OtelEnvironmentPostProcessor} also fills from the standard {@code OTEL_*} variables.
 * Without an endpoint nothing is exported, quietly.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

  /** Paths that load balancers, Docker and Kubernetes probe every few seconds. */
  static final Set<String> PROBE_PATHS = Set.of("/health", "/ready", "/live");

  @Bean
  Tracing tracing(
      ObjectProvider<OpenTelemetry> openTelemetry, ObjectProvider<BuildProperties> build) {
    OpenTelemetry sdk = openTelemetry.getIfAvailable();
    if (sdk == null) {
      return Tracing.NONE;
    }
    BuildProperties info = build.getIfAvailable();
    return new OpenTelemetryTracing(sdk, info == null ? "unknown" : info.getVersion());
  }

  /**
   * Probe requests would bury the cycles in the trace viewer under a trace every few seconds; their
   * spans are not exported (their {@code http_server_requests} metrics stay).
   */
  @Bean
  SpanExportingPredicate probeRequestsAreNotExported() {
    return span -> {
      // only server spans have a uri; Set.of(...).contains(null) would throw and drop the batch
      String uri = span.getTags().get("uri");
      return uri == null || !PROBE_PATHS.contains(uri);
    };
  }
}
