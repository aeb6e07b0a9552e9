package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The targets the Monitor watches: the ones declared in configuration (read-only at run time) and
 * the ones created through the API (kept in a {@link TargetStore}, so they survive a restart). A
 * change takes effect on the next cycle. Ids are unique across both.
 */
public final class TargetRegistry {

  /** Where a target was defined. */
  public enum Origin {
    CONFIG,
    API
  }

  /** A target with where it came from. */
  public record Registered(Target target, Origin origin) {}

  private final Map<String, Target> configured;
  private final TargetStore store;
  private final Function<Target, MetricSource> sourceFactory;
  private final List<MetricSource> fixedSources;
  private final Map<String, Target> created = new TreeMap<>();
  private final Map<Target, MetricSource> sourceCache = new LinkedHashMap<>();

  /**
   * @param configured targets declared in configuration
   * @param store where API-created targets live; read once here
   * @param sourceFactory how a target is observed
   * @param fixedSources sources not backed by a target definition (the controller itself)
   */
  public TargetRegistry(
      Collection<Target> configured,
      TargetStore store,
      Function<Target, MetricSource> sourceFactory,
      List<MetricSource> fixedSources) {
    this.configured = new LinkedHashMap<>();
    for (Target target : configured) {
      if (this.configured.put(target.id(), target) != null) {
        throw new IllegalArgumentException(
            "x0tta6bl4.monitor.targets must have unique ids, but '" + target.id() + "' repeats");
      }
    }
    this.store = store;
    this.sourceFactory = sourceFactory;
    this.fixedSources = List.copyOf(fixedSources);
    for (Target target : store.all()) {
      if (this.configured.containsKey(target.id())) {
        throw new IllegalStateException(
            "target '" + target.id() + "' is both configured and stored; remove one");
      }
      created.put(target.id(), target);
    }
  }

  public synchronized List<Registered> list() {
    List<Registered> all = new ArrayList<>();
    configured.values().forEach(t -> all.add(new Registered(t, Origin.CONFIG)));
    created.values().forEach(t -> all.add(new Registered(t, Origin.API)));
    return all;
  }

  public synchronized Optional<Registered> find(String id) {
    if (configured.containsKey(id)) {
      return Optional.of(new Registered(configured.get(id), Origin.CONFIG));
    }
    return Optional.ofNullable(created.get(id)).map(t -> new Registered(t, Origin.API));
  }

  /**
   * Creates a target.
   *
   * @throws TargetConflictException when the id is taken
   */
  public synchronized void create(Target target) {
    if (configured.containsKey(target.id()) || created.containsKey(target.id())) {
      throw new TargetConflictException("target '" + target.id() + "' already exists");
    }
    store.save(target);
    created.put(target.id(), target);
  }

  /**
   * Creates or replaces an API target.
   *
   * @return true when it was created
   * @throws TargetConflictException when the id belongs to a configured target
   */
  public synchronized boolean put(Target target) {
    refuseConfigured(target.id(), "replaced");
    store.save(target);
    return created.put(target.id(), target) == null;
  }

  /**
   * Deletes an API target.
   *
   * @return false when there was no such target
   * @throws TargetConflictException when the id belongs to a configured target
   */
  public synchronized boolean delete(String id) {
    refuseConfigured(id, "deleted");
    store.delete(id);
    return created.remove(id) != null;
  }

  /** The sources of this cycle: fixed ones first, then one per target, reused while unchanged. */
  public synchronized List<MetricSource> sources() {
    List<MetricSource> sources = new ArrayList<>(fixedSources);
    Map<Target, MetricSource> live = new LinkedHashMap<>();
    for (Registered registered : list()) {
      Target target = registered.target();
      MetricSource source = sourceCache.get(target);
      live.put(target, source != null ? source : sourceFactory.apply(target));
    }
    sourceCache.clear();
    sourceCache.putAll(live);
    sources.addAll(live.values());
    return sources;
  }

  private void refuseConfigured(String id, String verb) {
    if (configured.containsKey(id)) {
      throw new TargetConflictException(
          "target '"
              + id
              + "' is declared in configuration and cannot be "
              + verb
              + " through the API; change x0tta6bl4.monitor.targets instead");
    }
  }
}
