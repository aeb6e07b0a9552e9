package io.x0tta6bl4.mapek;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Identity of one series of one target; detectors keep their per-series state under it. */
public record SeriesKey(String target, String series, Map<String, String> labels) {

  public SeriesKey {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(series, "series");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** {@code series{a="b"}} with labels in name order, as Prometheus prints a series. */
  @Override
  public String toString() {
    if (labels.isEmpty()) {
      return series;
    }
    StringBuilder out = new StringBuilder(series).append('{');
    new TreeMap<>(labels).forEach((k, v) -> out.append(k).append("=\"").append(v).append("\","));
    out.setLength(out.length() - 1);
    return out.append('}').toString();
  }
}
