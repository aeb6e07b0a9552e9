package io.x0tta6bl4.mapek;

import java.util.Map;
import java.util.Objects;

/**
 * One value of one series of one target, as seen by the Monitor in one cycle.
 *
 * @param target id of the observed target (for example {@code self})
 * @param series series name in Prometheus style, with its unit as a suffix ({@code _bytes}, {@code
 *     _seconds}, {@code _ratio})
 * @param labels extra dimensions of the series; never null
 * @param value the observed value; may be NaN when a source could not compute it
 */
public record Observation(String target, String series, Map<String, String> labels, double value) {

  public Observation {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(series, "series");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public Observation(String target, String series, double value) {
    this(target, series, Map.of(), value);
  }

  /** Identity of the series across cycles: target, name and labels. */
  public SeriesKey key() {
    return new SeriesKey(target, series, labels);
  }
}
