package io.x0tta6bl4.mapek.monitor;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Monitor's own sources, under {@code x0tta6bl4.monitor}.
 *
 * @param self the source that observes the controller itself
 */
@ConfigurationProperties(prefix = "x0tta6bl4.monitor", ignoreUnknownFields = false)
public record MonitorProperties(@DefaultValue Self self) {

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
