package io.x0tta6bl4.mapek.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.convert.ConversionException;

/**
 * Policies come from configuration, which a careless or malicious edit can fill with anything:
 * whatever the properties under {@code x0tta6bl4.planner}, binding gives valid {@link
 * PlannerProperties} or fails the way startup reports a bad key (an invalid value, a conversion
 * that fails, an unknown key), never with a NullPointerException or the like. Saved inputs (run by
 * every build) are under {@code PolicyBindingFuzzTestInputs/}; see docs/fuzzing.md.
 */
class PolicyBindingFuzzTest {

  private static final String PREFIX = "x0tta6bl4.planner";

  /**
   * An input is properties text, {@code key=value} a line, keys relative to {@code
   * x0tta6bl4.planner}; lines that are not a valid key and value are left out, as a properties file
   * could not hold them. The timeout is a hang guard, not a speed test.
   */
  @FuzzTest(maxDuration = "10s")
  @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anyPropertiesBindOrFailNamingTheKey(byte[] input) {
    Map<String, String> properties = properties(new String(input, StandardCharsets.UTF_8));
    Binder binder = new Binder(new MapConfigurationPropertySource(properties));
    // the handlers Boot uses for @ConfigurationProperties(ignoreUnknownFields = false)
    NoUnboundElementsBindHandler strict =
        new NoUnboundElementsBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler());
    try {
      PlannerProperties bound =
          binder.bindOrCreate(PREFIX, Bindable.of(PlannerProperties.class), strict);
      assertThat(bound.policies()).doesNotContainNull();
      assertThat(bound.policies()).allSatisfy(p -> assertThat(p.steps()).doesNotContainNull());
      assertThat(bound.escalation()).doesNotContainNull();
    } catch (BindException expected) {
      assertThat(expected.getName().toString()).startsWith(PREFIX);
      assertThat(causes(expected)).noneMatch(NullPointerException.class::isInstance);
      assertThat(causes(expected))
          .as("causes of %s", expected)
          .anyMatch(
              t ->
                  t instanceof IllegalArgumentException
                      || t instanceof ConversionException
                      || t instanceof UnboundConfigurationPropertiesException);
    }
  }

  private static Map<String, String> properties(String text) {
    Map<String, String> properties = new LinkedHashMap<>();
    for (String line : text.split("\n", -1)) {
      int equals = line.indexOf('=');
      if (equals < 0) {
        continue;
      }
      String key = PREFIX + "." + line.substring(0, equals).strip();
      if (ConfigurationPropertyName.isValid(key)) {
        properties.put(key, line.substring(equals + 1).strip());
      }
    }
    return properties;
  }

  private static List<Throwable> causes(Throwable thrown) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
