package io.x0tta6bl4.mapek.monitor.scrape;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One line of an exposition: {@code name{labels} value [timestamp]}.
 *
 * @param name the sample's name as exposed, suffix included ({@code _total}, {@code _bucket},
 *     {@code _sum}, {@code _count}, {@code _created}, ...)
 * @param labels its labels, escapes resolved; never null
 * @param value the value; NaN and ±Inf included
 * @param timestamp the exposed timestamp, or null when the line has none
 */
public record Sample(String name, Map<String, String> labels, double value, Instant timestamp) {

  public Sample {
    Objects.requireNonNull(name, "name");
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
