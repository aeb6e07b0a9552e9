package io.x0tta6bl4.mapek.plan;

import java.util.List;

/** Immutable copies of configured lists, which refuse a missing element by name, not by an NPE. */
final class ConfiguredLists {

  private ConfiguredLists() {}

  /**
   * @param what the list, for the message, e.g. "steps of policy 'restart'"
   * @return an immutable copy; empty for null
   * @throws IllegalArgumentException naming the list and index of a null element
   */
  static <T> List<T> copy(List<T> list, String what) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        throw new IllegalArgumentException(
            what + " must not have an empty element, but [" + i + "] is");
      }
    }
    return List.copyOf(list);
  }
}
