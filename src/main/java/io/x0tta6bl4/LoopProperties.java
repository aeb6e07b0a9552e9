package io.x0tta6bl4;

import io.x0tta6bl4.mapek.Mode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the loop starts, under {@code x0tta6bl4.loop}; all three can be changed at run time through
 * {@code /api/v1/loop}.
 *
 * @param interval time between cycle starts, 100ms to 1h
 * @param mode {@code active} or {@code dry-run}
 * @param startPaused whether the loop waits for {@code POST /api/v1/loop/resume}
 */
@ConfigurationProperties(prefix = "x0tta6bl4.loop", ignoreUnknownFields = false)
public record LoopProperties(
    @DefaultValue("5s") Duration interval,
    @DefaultValue("active") Mode mode,
    @DefaultValue("false") boolean startPaused) {

  public LoopProperties {
    if (interval == null
        || interval.compareTo(Duration.ofMillis(100)) < 0
        || interval.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException(
          "x0tta6bl4.loop.interval must be between 100ms and 1h, but was " + interval);
    }
  }
}
