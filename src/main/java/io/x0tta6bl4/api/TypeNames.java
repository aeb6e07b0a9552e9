package io.x0tta6bl4.api;

import java.time.Duration;
import java.time.Instant;

/** How an error message names the type a value should have, without Java class names. */
final class TypeNames {

  private TypeNames() {}

  /** "an integer", "a number", "a string", ...; "a value of another type" when unsure. */
  static String describe(Class<?> type) {
    if (type == null) {
      return "a value of another type";
    }
    if (type == int.class
        || type == long.class
        || type == short.class
        || type == Integer.class
        || type == Long.class
        || type == Short.class) {
      return "an integer";
    }
    if (type == double.class
        || type == float.class
        || type == Double.class
        || type == Float.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "a boolean";
    }
    if (type == String.class || type.isEnum()) {
      return "a string";
    }
    if (type == Duration.class) {
      return "a duration";
    }
    if (type == Instant.class) {
      return "an ISO-8601 instant";
    }
    return "a value of another type";
  }
}
