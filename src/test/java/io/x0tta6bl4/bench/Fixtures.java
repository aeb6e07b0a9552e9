package io.x0tta6bl4.bench;

import io.x0tta6bl4.mapek.Severity;
import io.x0tta6bl4.mapek.analyze.AdaptiveDetector;
import io.x0tta6bl4.mapek.analyze.AdaptiveSettings;
import io.x0tta6bl4.mapek.analyze.DetectingAnalyzer;
import io.x0tta6bl4.mapek.analyze.StreamingDetector;
import io.x0tta6bl4.mapek.analyze.ThresholdDetector;
import io.x0tta6bl4.mapek.analyze.ThresholdRule;
import io.x0tta6bl4.mapek.analyze.stream.StreamSettings;
import io.x0tta6bl4.mapek.plan.Guards;
import io.x0tta6bl4.mapek.plan.Policy;
import io.x0tta6bl4.mapek.plan.PolicyPlanner;
import io.x0tta6bl4.mapek.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The phases as the default application.yml builds them, for benchmarks that run without Spring.
 */
final class Fixtures {

  private Fixtures() {}

  static DetectingAnalyzer defaultAnalyzer() {
    return defaultAnalyzer("streaming");
  }

  /**
   * The default rules with the {@code anomaly} detector of {@code adaptive.method} ({@code
   * streaming} or {@code ewma}), both with the default series limits.
   */
  static DetectingAnalyzer defaultAnalyzer(String method) {
    Duration thirty = Duration.ofSeconds(30);
    List<ThresholdRule> rules =
        List.of(
            rule(
                "heap-high",
                "jvm_heap_used_ratio",
                ThresholdRule.Op.ABOVE,
                0.90,
                0.80,
                thirty,
                "memory_pressure"),
            rule(
                "gc-thrashing",
                "jvm_gc_time_ratio",
                ThresholdRule.Op.ABOVE,
                0.25,
                0.10,
                thirty,
                "memory_pressure"),
            rule(
                "cpu-saturated",
                "process_cpu_usage",
                ThresholdRule.Op.ABOVE,
                0.90,
                0.70,
                thirty,
                "saturation"),
            rule(
                "latency-high",
                "http_latency_mean_seconds",
                ThresholdRule.Op.ABOVE,
                1.0,
                0.5,
                thirty,
                "latency_high"),
            rule(
                "errors-high",
                "http_server_error_ratio",
                ThresholdRule.Op.ABOVE,
                0.05,
                0.01,
                Duration.ofMinutes(1),
                "error_rate_high"),
            rule(
                "disk-low",
                "disk_free_ratio",
                ThresholdRule.Op.BELOW,
                0.05,
                0.10,
                Duration.ofMinutes(1),
                "disk_pressure"));
    return new DetectingAnalyzer(
        List.of(
            new ThresholdDetector(rules, 100),
            method.equals("ewma")
                ? new AdaptiveDetector(AdaptiveSettings.defaults())
                : new StreamingDetector(StreamSettings.defaults(), AdaptiveSettings.defaults())));
  }

  static PolicyPlanner defaultPlanner() {
    List<Policy> policies =
        List.of(
            policy("relieve-memory", "memory_pressure", "gc", "log"),
            policy("shed-load", "saturation", "readiness"),
            policy("report-latency", "latency_high", "log"),
            policy("report-errors", "error_rate_high", "log"),
            policy("report-disk", "disk_pressure", "log"),
            policy("note-anomaly", "anomaly", "log"));
    return new PolicyPlanner(
        policies, new Guards(Duration.ofMinutes(5), 3, 20, Duration.ofMinutes(10)));
  }

  private static ThresholdRule rule(
      String name,
      String series,
      ThresholdRule.Op op,
      double threshold,
      double clear,
      Duration forDuration,
      String symptom) {
    return new ThresholdRule(
        name, series, "*", op, threshold, forDuration, clear, symptom, Severity.WARNING);
  }

  private static Policy policy(String name, String symptom, String... actions) {
    List<Step> steps =
        java.util.Arrays.stream(actions).map(a -> Step.of(a, Map.of(), null)).toList();
    return Policy.ordered(name, symptom, "*", steps, Duration.ofMinutes(1), List.of());
  }
}
