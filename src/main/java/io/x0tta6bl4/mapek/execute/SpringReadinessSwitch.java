package io.x0tta6bl4.mapek.execute;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * {@link ReadinessSwitch} over Spring Boot's application availability: publishes an {@link
 * AvailabilityChangeEvent} with a {@link ReadinessState}, which the readiness health group reports.
 * Events are delivered synchronously, so the new state is visible when a method returns.
 */
public final class SpringReadinessSwitch implements ReadinessSwitch {

  private static final Logger log = LoggerFactory.getLogger(SpringReadinessSwitch.class);

  private final ApplicationEventPublisher publisher;
  private final ApplicationAvailability availability;

  public SpringReadinessSwitch(
      ApplicationEventPublisher publisher, ApplicationAvailability availability) {
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.availability = Objects.requireNonNull(availability, "availability");
  }

  @Override
  public void refuseTraffic(String reason) {
    change(ReadinessState.REFUSING_TRAFFIC, reason);
  }

  @Override
  public void acceptTraffic(String reason) {
    change(ReadinessState.ACCEPTING_TRAFFIC, reason);
  }

  @Override
  public boolean acceptingTraffic() {
    return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
  }

  private void change(ReadinessState state, String reason) {
    log.warn("readiness -> {}: {}", state, reason);
    AvailabilityChangeEvent.publish(publisher, this, state);
  }
}
