package io.x0tta6bl4.observability;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Lets the standard {@code OTEL_*} variables configure trace export, as they do for any
 * OpenTelemetry SDK (see {@link OtelVariables}). They are read from the whole environment, so a
 * line in {@code .env} or a {@code -D} option works too. Their properties rank just below the
 * operating system's environment: above {@code application.yml} and {@code .env}, below an explicit
 * {@code MANAGEMENT_...} variable, a system property or a command-line argument.
 */
public final class OtelEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "otelVariables";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> properties = OtelVariables.toProperties(environment::getProperty);
    if (properties.isEmpty()) {
      return;
    }
    MapPropertySource source = new MapPropertySource(SOURCE_NAME, properties);
    MutablePropertySources sources = environment.getPropertySources();
    String system = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME;
    if (sources.contains(system)) {
      sources.addAfter(system, source);
    } else {
      sources.addFirst(source);
    }
  }

  /** After the config data ({@code application.yml}, {@code .env}) is loaded. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE - 100;
  }
}
