package io.x0tta6bl4.api;

/**
 * Body of {@code GET /health}.
 *
 * @param status {@code ok}, or {@code down} when Actuator's aggregate health is DOWN
 * @param version the controller's version from the build, {@code unknown} when not built by Maven
 * @param uptime seconds since the JVM started
 */
public record HealthView(String status, String version, double uptime) {}
