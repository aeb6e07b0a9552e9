package io.x0tta6bl4.observability;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.x0tta6bl4.mapek.plan.RecoveryListener;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code mapek_time_to_recover_seconds{symptom}}: from the first cycle that reported a problem to
 * the first that no longer did, for problems the controller acted on. Registered at zero for every
 * configured symptom.
 */
final class TimeToRecoverMetrics implements RecoveryListener {

  private static final Duration[] BUCKETS = {
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(5),
    Duration.ofMinutes(15),
    Duration.ofHours(1)
  };

  private final MeterRegistry registry;
  private final Map<String, Timer> bySymptom = new ConcurrentHashMap<>();

  TimeToRecoverMetrics(MeterRegistry registry, Collection<String> symptoms) {
    this.registry = registry;
    symptoms.forEach(this::timer);
  }

  @Override
  public void recovered(String target, String symptom, Duration sinceDetection) {
    timer(symptom).record(sinceDetection);
  }

  private Timer timer(String symptom) {
    return bySymptom.computeIfAbsent(
        symptom,
        s ->
            Timer.builder(MetricNames.TIME_TO_RECOVER)
                .description("Time from detecting a problem to its clearing, for problems acted on")
                .tag(MetricNames.SYMPTOM, s)
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
  }
}
