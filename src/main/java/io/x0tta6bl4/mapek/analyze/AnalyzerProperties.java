package io.x0tta6bl4.mapek.analyze;

import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.analyze.stream.StreamSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the Analyzer ({@code x0tta6bl4.analyzer.*}). Every invalid value stops startup
 * with a message naming the full key and the value.
 *
 * @param thresholds fixed-threshold rules, in the manner of Prometheus alerting rules; names unique
 * @param thresholdStaleAfterCycles cycles without a sample after which a pending or firing
 *     threshold condition is dropped (so a removed target stops firing)
 * @param adaptive the adaptive detector, which learns a baseline for every series by itself
 * @param targetDown when a target that cannot be observed becomes the {@code target_down} symptom
 * @param alerts how alerts received from Alertmanager become anomalies
 */
@Validated
@ConfigurationProperties(prefix = AnalyzerProperties.PREFIX, ignoreUnknownFields = false)
public record AnalyzerProperties(
    @DefaultValue List<@Valid Threshold> thresholds,
    @DefaultValue("100") @Positive int thresholdStaleAfterCycles,
    @DefaultValue @Valid Adaptive adaptive,
    @DefaultValue TargetDown targetDown,
    @DefaultValue Alerts alerts) {

  static final String PREFIX = "x0tta6bl4.analyzer";

  public AnalyzerProperties {
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    adaptive = adaptive == null ? Adaptive.defaults() : adaptive;
    targetDown = targetDown == null ? new TargetDown(2, 1) : targetDown;
    alerts = alerts == null ? Alerts.defaults() : alerts;
    if (thresholdStaleAfterCycles < 1) {
      throw new IllegalArgumentException(
          PREFIX
              + ".threshold-stale-after-cycles must be positive, but was "
              + thresholdStaleAfterCycles);
    }
    validateRules(thresholds);
  }

  /** The threshold rules, validated, in configuration order. */
  public List<ThresholdRule> rules() {
    return validateRules(thresholds);
  }

  private static List<ThresholdRule> validateRules(List<Threshold> thresholds) {
    List<ThresholdRule> rules = new ArrayList<>(thresholds.size());
    Map<String, Integer> firstUse = new HashMap<>();
    for (int i = 0; i < thresholds.size(); i++) {
      String key = PREFIX + ".thresholds[" + i + "]";
      ThresholdRule rule = keyed(key + ".", thresholds.get(i)::toRule);
      Integer previous = firstUse.putIfAbsent(rule.name(), i);
      if (previous != null) {
        throw new IllegalArgumentException(
            key
                + ".name must be unique, but "
                + rule.name()
                + " is already the name of thresholds["
                + previous
                + "]");
      }
      rules.add(rule);
    }
    return rules;
  }

  /**
   * Builds a plain settings value, prefixing its validation message with the full key. The original
   * is not kept as the cause: Boot reports a binding failure by its root cause.
   */
  private static <T> T keyed(String keyPrefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(keyPrefix + e.getMessage());
    }
  }

  /**
   * One threshold rule; see {@link ThresholdRule} for the meaning of each field.
   *
   * @param forDuration bound to the key {@code for}
   * @param clear hysteresis level; absent means the threshold itself
   */
  public record Threshold(
      @NotBlank String name,
      @NotBlank String series,
      @DefaultValue(ThresholdRule.ANY_TARGET) @NotBlank String target,
      @NotNull ThresholdRule.Op op,
      @NotNull Double threshold,
      @Name("for") @DefaultValue("30s") @NotNull Duration forDuration,
      Double clear,
      @NotBlank String symptom,
      @DefaultValue("warning") @NotNull Severity severity) {

    ThresholdRule toRule() {
      if (threshold == null) {
        throw new IllegalArgumentException("threshold must be set, but was null");
      }
      return new ThresholdRule(
          name,
          series,
          target,
          op,
          threshold,
          forDuration,
          clear == null ? threshold : clear,
          symptom,
          severity);
    }
  }

  /** How the adaptive detector judges a series. */
  public enum Method {
    /** {@link StreamingDetector}: range and context novelty per series, the default. */
    STREAMING,
    /** {@link AdaptiveDetector}: EWMA mean and standard deviation with a z band. */
    EWMA
  }

  /**
   * The adaptive detector; see {@link AdaptiveSettings} for the meaning of each field. {@code
   * include}, {@code exclude}, {@code max-series} and {@code stale-after-cycles} apply to both
   * methods; {@code alpha} to {@code min-relative-stddev} to {@code ewma} only.
   *
   * @param enabled whether the adaptive detector runs at all
   * @param method {@code streaming} (default) or {@code ewma}
   * @param streaming the settings of the {@code streaming} method
   */
  public record Adaptive(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("streaming") Method method,
      @DefaultValue @Valid Streaming streaming,
      @DefaultValue("0.05") double alpha,
      @DefaultValue("30") int warmupSamples,
      @DefaultValue("4") double zThreshold,
      @DefaultValue("3") int forSamples,
      @DefaultValue("3") int clearSamples,
      @DefaultValue("1e-6") double minStddev,
      @DefaultValue("0.01") double minRelativeStddev,
      @DefaultValue("*") @NotEmpty List<String> include,
      @DefaultValue List<String> exclude,
      @DefaultValue("10000") int maxSeries,
      @DefaultValue("100") int staleAfterCycles) {

    public Adaptive {
      method = method == null ? Method.STREAMING : method;
      streaming = streaming == null ? Streaming.defaults() : streaming;
      List<String> included = include == null ? List.of() : List.copyOf(include);
      List<String> excluded = exclude == null ? List.of() : List.copyOf(exclude);
      keyed(
          PREFIX + ".adaptive.",
          () ->
              new AdaptiveSettings(
                  alpha,
                  warmupSamples,
                  zThreshold,
                  forSamples,
                  clearSamples,
                  minStddev,
                  minRelativeStddev,
                  included,
                  excluded,
                  maxSeries,
                  staleAfterCycles));
      include = included;
      exclude = excluded;
    }

    /** The defaults, as when nothing is configured. */
    public static Adaptive defaults() {
      AdaptiveSettings d = AdaptiveSettings.defaults();
      return new Adaptive(
          true,
          Method.STREAMING,
          Streaming.defaults(),
          d.alpha(),
          d.warmupSamples(),
          d.zThreshold(),
          d.forSamples(),
          d.clearSamples(),
          d.minStddev(),
          d.minRelativeStddev(),
          d.include(),
          d.exclude(),
          d.maxSeries(),
          d.staleAfterCycles());
    }

    /** The plain settings the detector runs with. */
    public AdaptiveSettings toSettings() {
      return new AdaptiveSettings(
          alpha,
          warmupSamples,
          zThreshold,
          forSamples,
          clearSamples,
          minStddev,
          minRelativeStddev,
          include,
          exclude,
          maxSeries,
          staleAfterCycles);
    }
  }

  /** The streaming method; see {@link StreamSettings} for the meaning of each field. */
  public record Streaming(
      @DefaultValue("8") int levels,
      @DefaultValue("4") int contextLength,
      @DefaultValue("1024") int memorySlots,
      @DefaultValue("150") int warmupSamples,
      @DefaultValue("5") int shortWindow,
      @DefaultValue("0.001") double longAlpha,
      @DefaultValue("0.007") double rangeMargin,
      @DefaultValue("0.05") double smoothAlpha,
      @DefaultValue("0.05") double smoothMargin,
      @DefaultValue("30") int restSamples,
      @DefaultValue("0.5") double threshold) {

    public Streaming {
      keyed(
          PREFIX + ".adaptive.streaming.",
          () ->
              new StreamSettings(
                  levels,
                  contextLength,
                  memorySlots,
                  warmupSamples,
                  shortWindow,
                  longAlpha,
                  rangeMargin,
                  smoothAlpha,
                  smoothMargin,
                  restSamples,
                  threshold));
    }

    /** The defaults, as when nothing is configured. */
    public static Streaming defaults() {
      StreamSettings d = StreamSettings.defaults();
      return new Streaming(
          d.levels(),
          d.contextLength(),
          d.memorySlots(),
          d.warmupSamples(),
          d.shortWindow(),
          d.longAlpha(),
          d.rangeMargin(),
          d.smoothAlpha(),
          d.smoothMargin(),
          d.restSamples(),
          d.threshold());
    }

    /** The plain settings the streaming detector runs with. */
    public StreamSettings toSettings() {
      return new StreamSettings(
          levels,
          contextLength,
          memorySlots,
          warmupSamples,
          shortWindow,
          longAlpha,
          rangeMargin,
          smoothAlpha,
          smoothMargin,
          restSamples,
          threshold);
    }
  }

  /**
   * @param failures consecutive cycles a target must be down before it is {@code target_down}
   * @param recoveries consecutive cycles it must be up again before the symptom clears
   */
  public record TargetDown(@DefaultValue("2") int failures, @DefaultValue("1") int recoveries) {

    public TargetDown {
      keyed(PREFIX + ".target-down.", () -> new TargetDownDetector(failures, recoveries));
    }
  }

  /**
   * @param targetLabels alert labels that name the target, first present wins
   * @param symptomLabels alert labels that name the symptom, first present wins
   * @param maxAge a firing alert not delivered again for this long is dropped (Alertmanager
   *     re-sends firing alerts every {@code repeat_interval}, 4h by default)
   */
  public record Alerts(
      @DefaultValue({"x0_target", "target", "job"}) List<String> targetLabels,
      @DefaultValue({"x0_symptom", "symptom", "alertname"}) List<String> symptomLabels,
      @DefaultValue("6h") Duration maxAge) {

    public Alerts {
      targetLabels = targetLabels == null ? List.of() : List.copyOf(targetLabels);
      symptomLabels = symptomLabels == null ? List.of() : List.copyOf(symptomLabels);
      if (targetLabels.isEmpty() || symptomLabels.isEmpty()) {
        throw new IllegalArgumentException(
            PREFIX + ".alerts.target-labels and symptom-labels must not be empty");
      }
      if (maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException(
            PREFIX + ".alerts.max-age must be positive, but was " + maxAge);
      }
    }

    static Alerts defaults() {
      return new Alerts(
          List.of("x0_target", "target", "job"),
          List.of("x0_symptom", "symptom", "alertname"),
          Duration.ofHours(6));
    }
  }
}
