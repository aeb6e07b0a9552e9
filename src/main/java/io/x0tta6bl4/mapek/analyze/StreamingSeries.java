package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Anomaly;
import io.x0tta6bl4.mapek.Evidence;
import io.x0tta6bl4.mapek.SeriesKey;
import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.analyze.stream.StreamModel;
import io.x0tta6bl4.mapek.analyze.stream.StreamSettings;
import java.time.Instant;

/**
 * One series watched by the streaming detector: its model and the episode of its last detection. An
 * episode opens at a detection and stays open while the model rests ({@code rest-samples} samples),
 * so the loop sees the problem for that long and then sees it resolve.
 */
final class StreamingSeries extends SeriesTable.Tracked {

  private final SeriesKey key;
  private final StreamModel model;
  private final RecentValues recent = new RecentValues();
  private Anomaly episode;
  private double lastValue;
  // the time of the last sample as primitives: storing a fresh Instant into this long-lived object
  // every cycle costs a G1 write barrier (and card refinement) per series
  private long lastAtSecond;
  private int lastAtNano;

  private final StreamSettings settings;

  StreamingSeries(SeriesKey key, StreamSettings settings) {
    this.key = key;
    this.settings = settings;
    this.model = new StreamModel(settings);
  }

  /** Scores one finite sample; opens an episode on a detection and closes it once rested. */
  void observe(double value, Instant takenAt) {
    lastValue = value;
    lastAtSecond = takenAt.getEpochSecond();
    lastAtNano = takenAt.getNano();
    double score = model.score(value);
    if (score >= settings.threshold()) {
      recent.clear();
      recent.add(value);
      episode = detection(score, takenAt);
    } else if (episode != null) {
      recent.add(value);
      if (model.restingFor() == 0) {
        episode = null;
      }
    }
  }

  boolean isFiring() {
    return episode != null;
  }

  SeriesKey key() {
    return key;
  }

  StreamModel model() {
    return model;
  }

  /** The open episode with the latest value; {@code fresh} false when no sample came this cycle. */
  Anomaly anomaly(boolean fresh) {
    Evidence first = episode.evidence();
    String reason = first.reason();
    if (!fresh) {
      reason += "; no sample since " + Instant.ofEpochSecond(lastAtSecond, lastAtNano);
    }
    Evidence now =
        new Evidence(
            first.detector(),
            first.series(),
            lastValue,
            first.expected(),
            first.bound(),
            first.since(),
            recent.toList(),
            reason);
    return new Anomaly(key.target(), "anomaly", Severity.WARNING, episode.score(), now);
  }

  /**
   * Evidence of a detection. {@code expected} is the middle and {@code bound} the nearest edge of
   * the range the value (or, for a shift, the smoothed level) had before.
   */
  private Anomaly detection(double score, Instant takenAt) {
    boolean shift = model.lastSignal() == StreamModel.Signal.SHIFT;
    double low = shift ? model.smoothLowBefore() : model.lowBefore();
    double high = shift ? model.smoothHighBefore() : model.highBefore();
    double judged = shift ? model.smoothed() : lastValue;
    double middle = (low + high) / 2;
    double edge = judged >= middle ? high : low;
    String reason =
        switch (model.lastSignal()) {
          case SPATIAL, NONE -> spatialReason(low, high, score);
          case SHIFT -> shiftReason(low, high, score);
          case CONTEXTUAL -> contextualReason(low, high, score);
        };
    Evidence evidence =
        new Evidence(
            "streaming", key.toString(), lastValue, middle, edge, takenAt, recent.toList(), reason);
    return new Anomaly(key.target(), "anomaly", Severity.WARNING, score, evidence);
  }

  private String spatialReason(double low, double high, double score) {
    String what = " left the range " + range(low, high) + " it had in " + (model.samples() - 1);
    return key
        + "="
        + Format.number(lastValue)
        + left(lastValue, low, high, what + " samples", score);
  }

  private String shiftReason(double low, double high, double score) {
    double level = model.smoothed();
    String what = ": its smoothed level " + Format.number(level) + " left the range ";
    return key
        + "="
        + Format.number(lastValue)
        + left(
            level, low, high, what + range(low, high) + " of its earlier smoothed levels", score);
  }

  /**
   * "{what} by 12.5% of its width (score 0.9)", the distance of {@code judged} outside the range.
   */
  private static String left(double judged, double low, double high, String what, double score) {
    double outside = Math.max(judged - high, low - judged) / (high - low);
    return what
        + " by "
        + Format.oneDecimal(100 * outside)
        + "% of its width (score "
        + Format.number(score)
        + ")";
  }

  private String contextualReason(double low, double high, double score) {
    return key
        + "="
        + Format.number(lastValue)
        + " is inside its range "
        + range(low, high)
        + " but the last "
        + settings.shortWindow()
        + " samples followed their predecessors in ways not seen before: novelty "
        + Format.number(model.lastRecentNovelty())
        + " against a usual "
        + Format.number(model.usualNovelty())
        + " (score "
        + Format.number(score)
        + ")";
  }

  private static String range(double low, double high) {
    return "[" + Format.number(low) + ", " + Format.number(high) + "]";
  }
}
