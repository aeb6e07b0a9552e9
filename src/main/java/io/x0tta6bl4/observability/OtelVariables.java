package io.x0tta6bl4.observability;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The standard OpenTelemetry SDK variables ({@code OTEL_*}) that concern traces, as the Spring Boot
 * properties that mean the same. Signal-specific variables ({@code OTEL_EXPORTER_OTLP_TRACES_*})
 * win over general ones; an empty variable counts as unset; a value Boot cannot honour stops
 * startup with a message naming the variable.
 */
final class OtelVariables {

  static final String OTLP = "management.opentelemetry.tracing.export.otlp.";
  static final String EXPORT = "management.opentelemetry.tracing.export.";
  static final String RESOURCE = "management.opentelemetry.resource-attributes";
  static final String SAMPLING = "management.tracing.sampling.probability";
  static final String EXPORT_ENABLED = "management.tracing.export.enabled";

  private final Function<String, String> variables;
  private final Map<String, Object> properties = new LinkedHashMap<>();

  private OtelVariables(Function<String, String> variables) {
    this.variables = variables;
  }

  /**
   * The properties {@code variables} stand for.
   *
   * @param variables looks a variable up by name; null when unset
   * @throws IllegalArgumentException naming the variable whose value cannot be honoured
   */
  static Map<String, Object> toProperties(Function<String, String> variables) {
    OtelVariables mapping = new OtelVariables(variables);
    mapping.exporter();
    mapping.otlp();
    mapping.sampler();
    mapping.batching();
    mapping.resource();
    mapping.disabled();
    return Map.copyOf(mapping.properties);
  }

  /** A disabled SDK records nothing: no export, and no span is sampled, whatever the sampler. */
  private void disabled() {
    if ("true".equals(get("OTEL_SDK_DISABLED"))) {
      properties.put(EXPORT_ENABLED, false);
      properties.put(SAMPLING, 0.0);
    }
  }

  private void exporter() {
    String exporter = get("OTEL_TRACES_EXPORTER");
    if (exporter == null || exporter.equals("otlp")) {
      return;
    }
    if (!exporter.equals("none")) {
      throw invalid("OTEL_TRACES_EXPORTER", exporter, "otlp or none");
    }
    properties.put(EXPORT_ENABLED, false);
  }

  private void otlp() {
    String protocol = signal("PROTOCOL");
    boolean grpc = "grpc".equals(protocol);
    if (protocol != null && !grpc && !protocol.equals("http/protobuf")) {
      throw invalid(name("PROTOCOL"), protocol, "http/protobuf or grpc");
    }
    if (protocol != null) {
      properties.put(OTLP + "transport", grpc ? "grpc" : "http");
    }
    String endpoint = endpoint(grpc);
    if (endpoint != null) {
      properties.put(OTLP + "endpoint", endpoint);
    }
    String headers = signal("HEADERS");
    if (headers != null) {
      pairs(name("HEADERS"), headers)
          .forEach((k, v) -> properties.put(OTLP + "headers[" + k + "]", v));
    }
    String timeout = signal("TIMEOUT");
    if (timeout != null) {
      properties.put(OTLP + "timeout", millis(name("TIMEOUT"), timeout));
    }
    String compression = signal("COMPRESSION");
    if (compression != null) {
      if (!compression.equals("gzip") && !compression.equals("none")) {
        throw invalid(name("COMPRESSION"), compression, "gzip or none");
      }
      properties.put(OTLP + "compression", compression);
    }
  }

  /**
   * The traces endpoint is used as given; the general one is a base URL to which OTLP/HTTP adds
   * {@code /v1/traces} (gRPC takes it as it is), as the OpenTelemetry specification says.
   */
  private String endpoint(boolean grpc) {
    String traces = get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (traces != null) {
      return traces;
    }
    String base = get("OTEL_EXPORTER_OTLP_ENDPOINT");
    if (base == null || grpc) {
      return base;
    }
    return (base.endsWith("/") ? base : base + "/") + "v1/traces";
  }

  private void sampler() {
    String sampler = get("OTEL_TRACES_SAMPLER");
    if (sampler == null) {
      return;
    }
    // Boot's sampler always follows a sampled parent; for the loop's root spans the two agree
    switch (sampler) {
      case "always_on", "parentbased_always_on" -> properties.put(SAMPLING, 1.0);
      case "always_off", "parentbased_always_off" -> properties.put(SAMPLING, 0.0);
      case "traceidratio", "parentbased_traceidratio" -> properties.put(SAMPLING, ratio());
      default ->
          throw invalid(
              "OTEL_TRACES_SAMPLER",
              sampler,
              "always_on, always_off, traceidratio or their parentbased_ forms");
    }
  }

  private double ratio() {
    String arg = get("OTEL_TRACES_SAMPLER_ARG");
    if (arg == null) {
      return 1.0;
    }
    try {
      double ratio = Double.parseDouble(arg);
      if (ratio >= 0 && ratio <= 1) {
        return ratio;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid("OTEL_TRACES_SAMPLER_ARG", arg, "a number between 0 and 1");
  }

  private void batching() {
    putMillis("OTEL_BSP_SCHEDULE_DELAY", EXPORT + "schedule-delay");
    putMillis("OTEL_BSP_EXPORT_TIMEOUT", EXPORT + "timeout");
    putCount("OTEL_BSP_MAX_QUEUE_SIZE", EXPORT + "max-queue-size");
    putCount("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", EXPORT + "max-batch-size");
  }

  /** {@code OTEL_SERVICE_NAME} wins over a {@code service.name} in the attributes. */
  private void resource() {
    String attributes = get("OTEL_RESOURCE_ATTRIBUTES");
    if (attributes != null) {
      pairs("OTEL_RESOURCE_ATTRIBUTES", attributes)
          .forEach((k, v) -> properties.put(RESOURCE + "[" + k + "]", v));
    }
    String service = get("OTEL_SERVICE_NAME");
    if (service != null) {
      properties.put(RESOURCE + "[service.name]", service);
    }
  }

  private void putMillis(String variable, String property) {
    String value = get(variable);
    if (value != null) {
      properties.put(property, millis(variable, value));
    }
  }

  private void putCount(String variable, String property) {
    String value = get(variable);
    if (value != null) {
      properties.put(property, number(variable, value, "a whole number above 0"));
    }
  }

  /** A duration the SDK gives in milliseconds, as Boot reads it. */
  private static String millis(String variable, String value) {
    return number(variable, value, "a whole number of milliseconds above 0") + "ms";
  }

  private static long number(String variable, String value, String expected) {
    try {
      long number = Long.parseLong(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(variable, value, expected);
  }

  /** {@code key1=value1,key2=value2}, values percent-decoded (W3C baggage format). */
  private static Map<String, String> pairs(String variable, String text) {
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int equals = pair.indexOf('=');
      if (equals < 1) {
        throw invalid(variable, text, "key=value pairs separated by commas");
      }
      String value = pair.substring(equals + 1).strip();
      pairs.put(
          pair.substring(0, equals).strip(), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return pairs;
  }

  /** The traces variable of a setting, else the general one. */
  private String signal(String setting) {
    String traces = get("OTEL_EXPORTER_OTLP_TRACES_" + setting);
    return traces != null ? traces : get("OTEL_EXPORTER_OTLP_" + setting);
  }

  /** Which variable of a setting is in effect, for messages. */
  private String name(String setting) {
    String traces = "OTEL_EXPORTER_OTLP_TRACES_" + setting;
    return get(traces) != null ? traces : "OTEL_EXPORTER_OTLP_" + setting;
  }

  private String get(String variable) {
    String value = variables.apply(variable);
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    return variable.endsWith("_ENDPOINT")
            || variable.endsWith("_HEADERS")
            || variable.equals("OTEL_RESOURCE_ATTRIBUTES")
            || variable.equals("OTEL_SERVICE_NAME")
        ? trimmed
        : trimmed.toLowerCase(Locale.ROOT);
  }

  private static IllegalArgumentException invalid(String variable, String value, String expected) {
    return new IllegalArgumentException(
        variable + " must be " + expected + ", but was '" + value + "'");
  }
}
