package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Observation;
import java.util.List;

/**
 * A target could not be observed, or answered in a way that counts as down (a wrong status, a
 * failed check). The message is the reason exactly as the Monitor reports it ("HTTP 503", "timed
 * out after 2s"); the observations are what the source could still see (for example {@code up} = 0
 * and how long the attempt took), and the Monitor records them alongside the down status.
 */
public class TargetDownException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Observation> observations;

  public TargetDownException(String reason) {
    this(reason, List.of(), null);
  }

  public TargetDownException(String reason, Throwable cause) {
    this(reason, List.of(), cause);
  }

  public TargetDownException(String reason, List<Observation> observations, Throwable cause) {
    super(reason, cause);
    this.observations = List.copyOf(observations);
  }

  /** What the source observed before deciding the target is down; often empty. */
  public List<Observation> observations() {
    return observations == null ? List.of() : observations;
  }
}
