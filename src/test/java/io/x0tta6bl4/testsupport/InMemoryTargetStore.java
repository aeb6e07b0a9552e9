package io.x0tta6bl4.testsupport;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** Targets in a sorted map, for tests of what sits above the store. */
public final class InMemoryTargetStore implements TargetStore {

  public final Map<String, Target> targets = new ConcurrentSkipListMap<>();

  @Override
  public List<Target> all() {
    return List.copyOf(targets.values());
  }

  @Override
  public Optional<Target> find(String id) {
    return Optional.ofNullable(targets.get(id));
  }

  @Override
  public boolean save(Target target) {
    return targets.put(target.id(), target) == null;
  }

  @Override
  public boolean delete(String id) {
    return targets.remove(id) != null;
  }
}
