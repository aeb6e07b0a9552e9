package io.x0tta6bl4.mapek;

/** How urgent an anomaly is; ordered from least to most severe. */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL
}
