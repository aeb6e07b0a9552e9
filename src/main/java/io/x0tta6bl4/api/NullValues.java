package io.x0tta6bl4.api;

import java.util.Map;

/**
 * JSON lets a map's value be {@code null}; the domain's maps are immutable copies that refuse one.
 * Found by fuzzing: {@code "labels":{"team":null}} was a 500.
 */
final class NullValues {

  private NullValues() {}

  /**
   * @throws InvalidRequestException naming {@code field.key} when a value is null
   */
  static void reject(String field, Map<String, String> values) {
    if (values == null) {
      return;
    }
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (entry.getValue() == null) {
        throw InvalidRequestException.of(
            field + "." + entry.getKey(), "must be a string, but was null");
      }
    }
  }
}
