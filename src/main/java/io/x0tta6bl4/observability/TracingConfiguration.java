package io.x0tta6bl4.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.x0tta6bl4.mapek.Tracing;
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
}
