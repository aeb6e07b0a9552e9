package io.x0tta6bl4.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Optional query parameters as the controllers read them: blank is absent, enums any case. */
final class QueryParams {

  private QueryParams() {}

  static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  /**
   * The enum constant named by {@code text} in any case, '-' for '_'; null when absent.
   *
   * @throws InvalidRequestException naming {@code field} and the valid values
   */
  static <E extends Enum<E>> E enumValue(Class<E> type, String field, String text) {
    String name = blankToNull(text);
    if (name == null) {
      return null;
    }
    String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    E[] values = type.getEnumConstants();
    return Arrays.stream(values)
        .filter(value -> value.name().equals(normalized))
        .findFirst()
        .orElseThrow(
            () ->
                InvalidRequestException.of(
                    field,
                    "must be one of "
                        + Arrays.stream(values).map(Enum::name).collect(Collectors.joining(", "))
                        + ", but was '"
                        + text
                        + "'"));
  }
}
