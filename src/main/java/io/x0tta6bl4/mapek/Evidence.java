package io.x0tta6bl4.mapek;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Why a detector fired, in terms a person can check against the raw series.
 *
 * @param detector detector that fired ({@code threshold}, {@code adaptive})
 * @param series the series, as {@code name{labels}}
 * @param value the latest observed value
 * @param expected what the detector expected: the threshold, or the learned baseline mean
 * @param bound the limit the value crossed: the threshold, or baseline ± k standard deviations
 * @param since when the condition began (first sample that crossed the bound)
 * @param recent the latest values that were outside the bound, oldest first (bounded)
 * @param reason one sentence, for logs and the API
 */
public record Evidence(
    String detector,
    String series,
    double value,
    double expected,
    double bound,
    Instant since,
    List<Double> recent,
    String reason) {

  public Evidence {
    Objects.requireNonNull(detector, "detector");
    Objects.requireNonNull(series, "series");
    Objects.requireNonNull(since, "since");
    recent = List.copyOf(recent);
    Objects.requireNonNull(reason, "reason");
  }
}
