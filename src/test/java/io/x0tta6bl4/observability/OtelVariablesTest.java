package io.x0tta6bl4.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class OtelVariablesTest {

  private static final String ENDPOINT = OtelVariables.OTLP + "endpoint";

  private static Map<String, Object> map(Map<String, String> variables) {
    return OtelVariables.toProperties(variables::get);
  }

  @Test
  void noVariablesMeanNoProperties() {
    assertThat(map(Map.of())).isEmpty();
  }

  @Test
  void theGeneralEndpointIsABaseUrlToWhichHttpAddsTheTracesPath() {
    assertThat(map(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318")))
        .containsExactly(entry(ENDPOINT, "http://jaeger:4318/v1/traces"));
    assertThat(map(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/otlp/")))
        .containsEntry(ENDPOINT, "http://collector:4318/otlp/v1/traces");
  }

  @Test
  void theTracesEndpointIsUsedAsGivenAndWinsOverTheGeneralOne() {
    assertThat(
            map(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://ignored:4318",
                    "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "https://traces.example.com/in")))
        .containsEntry(ENDPOINT, "https://traces.example.com/in");
  }

  @Test
  void grpcTakesTheGeneralEndpointAsItIs() {
    assertThat(
            map(
                Map.of(
                    "OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4317",
                    "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc")))
        .containsEntry(ENDPOINT, "http://jaeger:4317")
        .containsEntry(OtelVariables.OTLP + "transport", "grpc");
  }

  @Test
  void headersTimeoutAndCompressionBecomeExporterSettings() {
    assertThat(
            map(
                Map.of(
                    "OTEL_EXPORTER_OTLP_HEADERS", "api-key=s%20ecret, tenant=a",
                    "OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", "2500",
                    "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip")))
        .containsEntry(OtelVariables.OTLP + "headers[api-key]", "s ecret")
        .containsEntry(OtelVariables.OTLP + "headers[tenant]", "a")
        .containsEntry(OtelVariables.OTLP + "timeout", "2500ms")
        .containsEntry(OtelVariables.OTLP + "compression", "gzip");
  }

  @Test
  void samplersBecomeAProbability() {
    assertThat(map(Map.of("OTEL_TRACES_SAMPLER", "always_off")))
        .containsEntry(OtelVariables.SAMPLING, 0.0);
    assertThat(map(Map.of("OTEL_TRACES_SAMPLER", "parentbased_always_on")))
        .containsEntry(OtelVariables.SAMPLING, 1.0);
    assertThat(
            map(
                Map.of(
                    "OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
                    "OTEL_TRACES_SAMPLER_ARG", "0.25")))
        .containsEntry(OtelVariables.SAMPLING, 0.25);
    assertThat(map(Map.of("OTEL_TRACES_SAMPLER", "traceidratio")))
        .containsEntry(OtelVariables.SAMPLING, 1.0);
  }

  @Test
  void serviceNameWinsOverTheOneInTheResourceAttributes() {
    assertThat(
            map(
                Map.of(
                    "OTEL_RESOURCE_ATTRIBUTES",
                    "service.name=other,deployment.environment=prod%20eu",
                    "OTEL_SERVICE_NAME",
                    "x0tta6bl4")))
        .containsEntry(OtelVariables.RESOURCE + "[service.name]", "x0tta6bl4")
        .containsEntry(OtelVariables.RESOURCE + "[deployment.environment]", "prod eu");
  }

  @Test
  void exporterNoneAndADisabledSdkTurnExportOff() {
    assertThat(map(Map.of("OTEL_TRACES_EXPORTER", "none")))
        .containsEntry(OtelVariables.EXPORT_ENABLED, false);
    assertThat(map(Map.of("OTEL_SDK_DISABLED", "true", "OTEL_TRACES_SAMPLER", "always_on")))
        .containsEntry(OtelVariables.EXPORT_ENABLED, false)
        .containsEntry(OtelVariables.SAMPLING, 0.0);
    assertThat(map(Map.of("OTEL_TRACES_EXPORTER", "otlp"))).isEmpty();
  }

  @Test
  void batchSettingsAreMilliseconds() {
    assertThat(
            map(
                Map.of(
                    "OTEL_BSP_SCHEDULE_DELAY", "100",
                    "OTEL_BSP_EXPORT_TIMEOUT", "3000",
                    "OTEL_BSP_MAX_QUEUE_SIZE", "4096",
                    "OTEL_BSP_MAX_EXPORT_BATCH_SIZE", "256")))
        .containsEntry(OtelVariables.EXPORT + "schedule-delay", "100ms")
        .containsEntry(OtelVariables.EXPORT + "timeout", "3000ms")
        .containsEntry(OtelVariables.EXPORT + "max-queue-size", 4096L)
        .containsEntry(OtelVariables.EXPORT + "max-batch-size", 256L);
  }

  @Test
  void emptyVariablesCountAsUnset() {
    assertThat(map(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ", "OTEL_TRACES_SAMPLER", "")))
        .isEmpty();
  }

  @Test
  void valuesBootCannotHonourStopStartupNamingTheVariable() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                map(Map.of("OTEL_TRACES_SAMPLER_ARG", "2", "OTEL_TRACES_SAMPLER", "traceidratio")))
        .withMessage("OTEL_TRACES_SAMPLER_ARG must be a number between 0 and 1, but was '2'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> map(Map.of("OTEL_TRACES_EXPORTER", "zipkin")))
        .withMessage("OTEL_TRACES_EXPORTER must be otlp or none, but was 'zipkin'");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> map(Map.of("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/json")))
        .withMessageStartingWith("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> map(Map.of("OTEL_BSP_SCHEDULE_DELAY", "5s")))
        .withMessageStartingWith("OTEL_BSP_SCHEDULE_DELAY must be a whole number of milliseconds");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> map(Map.of("OTEL_TRACES_SAMPLER", "jaeger_remote")))
        .withMessageStartingWith("OTEL_TRACES_SAMPLER must be");
  }

  @Test
  void thePropertiesRankBelowTheProcessEnvironmentAndAboveApplicationYml() {
    StandardEnvironment environment = new StandardEnvironment();
    var sources = environment.getPropertySources();
    sources.replace(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new MapPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            Map.of(
                "OTEL_TRACES_SAMPLER", "always_off",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "1000",
                "management.opentelemetry.tracing.export.otlp.timeout", "7s")));
    sources.addLast(
        new MapPropertySource(
            "application.yml",
            Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT",
                "http://from-dot-env:4318",
                OtelVariables.SAMPLING,
                "1.0")));

    new OtelEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty(OtelVariables.SAMPLING)).isEqualTo("0.0");
    assertThat(environment.getProperty(ENDPOINT)).isEqualTo("http://from-dot-env:4318/v1/traces");
    assertThat(environment.getProperty(OtelVariables.OTLP + "timeout")).isEqualTo("7s");
  }
}
