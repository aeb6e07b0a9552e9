package io.x0tta6bl4.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as operators type them ({@code 500ms}, {@code 2s}, {@code 1m}, {@code PT2S}). */
final class HumanDurations {

  private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

  private HumanDurations() {}

  /** The duration, or empty when the text is neither the short form nor ISO-8601. */
  static Optional<Duration> parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT.matcher(trimmed);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      return Optional.of(
          switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
          });
    }
    try {
      return Optional.of(Duration.parse(trimmed.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException notIso) {
      return Optional.empty();
    }
  }

  /** The shortest exact short form ({@code 1h}, {@code 90s}, {@code 10ms}); ISO-8601 otherwise. */
  static String format(Duration duration) {
    if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
      return duration.toString();
    }
    long millis = duration.toMillis();
    if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis != 0 && millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis + "ms";
  }
}
