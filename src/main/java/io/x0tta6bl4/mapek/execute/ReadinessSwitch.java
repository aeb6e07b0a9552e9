package io.x0tta6bl4.mapek.execute;

/**
 * Takes this controller out of its readiness probe and back in, so that it sheds traffic while
 * saturated. Implementations apply a change before returning.
 */
public interface ReadinessSwitch {

  /** Makes the readiness probe fail; {@code reason} is logged. */
  void refuseTraffic(String reason);

  /** Makes the readiness probe pass again; {@code reason} is logged. */
  void acceptTraffic(String reason);

  /** Whether the readiness probe currently passes. */
  boolean acceptingTraffic();
}
