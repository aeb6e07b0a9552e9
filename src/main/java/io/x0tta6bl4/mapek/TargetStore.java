package io.x0tta6bl4.mapek;

import java.util.List;
import java.util.Optional;

/** Durable storage of the targets created through the API. Thread-safe. */
public interface TargetStore {

  /** Every stored target, by id. */
  List<Target> all();

  Optional<Target> find(String id);

  /**
   * Stores the target, replacing one with the same id.
   *
   * @return true when it was created, false when it replaced an existing one
   */
  boolean save(Target target);

  /**
   * @return true when a target with this id existed
   */
  boolean delete(String id);
}
