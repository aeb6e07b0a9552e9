package io.x0tta6bl4.api;

import io.x0tta6bl4.mapek.LoopControl;
import io.x0tta6bl4.mapek.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Body of {@code PATCH /api/v1/loop}; each field is optional but at least one must be given, and no
 * other field is accepted.
 *
 * @param interval time between cycle starts: {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601
 *     {@code PT2S}, within {@link LoopControl#MIN_INTERVAL}..{@link LoopControl#MAX_INTERVAL}
 * @param mode {@code active} or {@code dry-run} (case-insensitive; {@code DRY_RUN} too)
 */
@JsonDeserialize(using = LoopPatchDeserializer.class)
public record LoopPatch(String interval, String mode) {

  /** The validated change. */
  record Change(Optional<Duration> interval, Optional<Mode> mode) {}

  /**
   * Checks every field and returns the change.
   *
   * @throws InvalidRequestException listing every field at fault
   */
  Change validate() {
    if (interval == null && mode == null) {
      throw new InvalidRequestException(
          "give at least one of interval and mode", List.<FieldProblem>of());
    }
    List<FieldProblem> errors = new ArrayList<>();
    Optional<Duration> newInterval = Optional.ofNullable(interval).map(t -> toInterval(t, errors));
    Optional<Mode> newMode = Optional.ofNullable(mode).map(t -> toMode(t, errors));
    if (!errors.isEmpty()) {
      FieldProblem first = errors.get(0);
      throw new InvalidRequestException(first.field() + " " + first.message(), errors);
    }
    return new Change(newInterval, newMode);
  }

  private static Duration toInterval(String text, List<FieldProblem> errors) {
    Optional<Duration> parsed = HumanDurations.parse(text);
    if (parsed.isEmpty()) {
      errors.add(
          new FieldProblem(
              "interval",
              "must be a duration such as 500ms, 2s, 1m or PT2S, but was '" + text + "'"));
      return null;
    }
    Duration value = parsed.get();
    if (value.compareTo(LoopControl.MIN_INTERVAL) < 0
        || value.compareTo(LoopControl.MAX_INTERVAL) > 0) {
      errors.add(
          new FieldProblem(
              "interval",
              "must be between "
                  + HumanDurations.format(LoopControl.MIN_INTERVAL)
                  + " and "
                  + HumanDurations.format(LoopControl.MAX_INTERVAL)
                  + ", but was "
                  + HumanDurations.format(value)));
      return null;
    }
    return value;
  }

  private static Mode toMode(String text, List<FieldProblem> errors) {
    String normalized = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    Optional<Mode> parsed =
        Arrays.stream(Mode.values()).filter(m -> m.name().equals(normalized)).findFirst();
    if (parsed.isEmpty()) {
      errors.add(
          new FieldProblem("mode", "must be one of active, dry-run, but was '" + text + "'"));
    }
    return parsed.orElse(null);
  }
}
