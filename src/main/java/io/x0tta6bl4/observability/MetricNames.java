package io.x0tta6bl4.observability;

/** Metric names and tag keys, as Micrometer names them; Prometheus shows them with underscores. */
final class MetricNames {

  static final String CYCLE_DURATION = "mapek.cycle.duration";
  static final String CYCLES = "mapek.cycles";
  static final String ANOMALIES = "mapek.anomalies";
  static final String ACTIONS = "mapek.actions";
  static final String SUPPRESSED = "mapek.actions.suppressed";
  static final String INCIDENTS_OPEN = "mapek.incidents.open";
  static final String INCIDENTS_ESCALATED = "mapek.incidents.escalated";
  static final String TARGET_UP = "mapek.target.up";
  static final String TIME_TO_RECOVER = "mapek.time.to.recover";
  static final String KNOWLEDGE_WRITE_FAILURES = "mapek.knowledge.write.failures";

  static final String PHASE = "phase";
  static final String RESULT = "result";
  static final String SYMPTOM = "symptom";
  static final String ACTION = "action";
  static final String STATUS = "status";
  static final String GUARD = "guard";
  static final String TARGET = "target";

  private MetricNames() {}
}
