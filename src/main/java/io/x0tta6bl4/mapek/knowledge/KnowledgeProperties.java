package io.x0tta6bl4.mapek.knowledge;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long Knowledge keeps what it recorded.
 *
 * @param retention cycles that started longer ago than this are deleted with everything recorded
 *     with them ({@code x0tta6bl4.knowledge.retention}, default 7 days)
 * @param pruneInterval how often the pruner deletes them ({@code
 *     x0tta6bl4.knowledge.prune-interval}, default 1 hour)
 */
@Validated
@ConfigurationProperties(prefix = "x0tta6bl4.knowledge", ignoreUnknownFields = false)
public record KnowledgeProperties(
    @NotNull @DefaultValue("7d") Duration retention,
    @NotNull @DefaultValue("1h") Duration pruneInterval) {

  public KnowledgeProperties {
    requirePositive("x0tta6bl4.knowledge.retention", retention);
    requirePositive("x0tta6bl4.knowledge.prune-interval", pruneInterval);
  }

  private static void requirePositive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(key + " must be positive, but was " + value);
    }
  }
}
