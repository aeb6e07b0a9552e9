package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Target;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the Monitor watches, under {@code x0tta6bl4.monitor}.
 *
 * @param self the source that observes the controller itself
 * @param targets targets declared in configuration (more can be created through the API): {@code
 *     id}, {@code kind} ({@code prometheus} | {@code http}), {@code url}, {@code timeout} (2s),
 *     {@code expected-status} (200), {@code json-pointer}, {@code expected-json-value}, {@code
 *     group}, {@code labels}
 */
@ConfigurationProperties(prefix = "x0tta6bl4.monitor", ignoreUnknownFields = false)
public record MonitorProperties(@DefaultValue Self self, List<Target> targets) {

  public MonitorProperties {
    targets = targets == null ? List.of() : List.copyOf(targets);
  }

  /**
   * @param enabled whether the controller observes itself
   * @param target the target id of the controller's own observations
   * @param dataDirectory directory whose free disk space is watched
   */
  public record Self(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("self") String target,
      @DefaultValue("./data") Path dataDirectory) {

    public Self {
      if (target == null || target.isBlank()) {
        throw new IllegalArgumentException("x0tta6bl4.monitor.self.target must not be blank");
      }
    }
  }
}
