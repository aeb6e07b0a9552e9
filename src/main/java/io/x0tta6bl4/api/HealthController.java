package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.info.BuildProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health} on the API port: a liveness-style summary of Actuator's health contributors.
 * Only an aggregate DOWN makes it 503; OUT_OF_SERVICE and UNKNOWN are not "down" for liveness,
 * readiness is {@code /ready}.
 */
@RestController
@Tag(name = "health", description = "Is the controller alive")
class HealthController {

  static final String UNKNOWN_VERSION = "unknown";

  private final HealthEndpoint health;
  private final String version;
  private final Clock clock;
  private final long startedAtMillis;

  HealthController(HealthEndpoint health, ObjectProvider<BuildProperties> build, Clock clock) {
    this.health = health;
    BuildProperties properties = build.getIfAvailable();
    this.version =
        properties == null || properties.getVersion() == null
            ? UNKNOWN_VERSION
            : properties.getVersion();
    this.clock = clock;
    this.startedAtMillis = ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  @GetMapping("/health")
  @Operation(summary = "ok (200) unless a health contributor is DOWN (503)")
  ResponseEntity<HealthView> health() {
    boolean down = Status.DOWN.equals(health.health().getStatus());
    double uptime = (clock.millis() - startedAtMillis) / 1000.0;
    HealthView view = new HealthView(down ? "down" : "ok", version, uptime);
    return ResponseEntity.status(down ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK).body(view);
  }
}
