package io.x0tta6bl4.mapek.analyze;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which series names a detector watches: a name is watched when it matches an include pattern and
 * no exclude pattern. The decision is computed once per name and cached (up to a bound, so a flood
 * of names cannot grow the cache without limit); patterns are never matched per sample.
 */
final class SeriesFilter {

  private final List<Glob> include;
  private final List<Glob> exclude;
  private final boolean acceptsAll;
  private final int maxCached;
  private final Map<String, Boolean> decisions = new HashMap<>();

  SeriesFilter(List<String> include, List<String> exclude, int maxCached) {
    this.include = include.stream().map(Glob::new).toList();
    this.exclude = exclude.stream().map(Glob::new).toList();
    this.acceptsAll = exclude.isEmpty() && include.contains("*");
    this.maxCached = maxCached;
  }

  boolean accepts(String seriesName) {
    if (acceptsAll) {
      return true;
    }
    Boolean cached = decisions.get(seriesName);
    if (cached != null) {
      return cached;
    }
    boolean accepted = decide(seriesName);
    if (decisions.size() < maxCached) {
      decisions.put(seriesName, accepted);
    }
    return accepted;
  }

  private boolean decide(String seriesName) {
    for (Glob glob : exclude) {
      if (glob.matches(seriesName)) {
        return false;
      }
    }
    for (Glob glob : include) {
      if (glob.matches(seriesName)) {
        return true;
      }
    }
    return false;
  }
}
