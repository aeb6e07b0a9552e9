package io.x0tta6bl4.mapek.monitor.probe;

import io.x0tta6bl4.mapek.Observation;
import io.x0tta6bl4.mapek.monitor.TargetDownException;
import java.util.List;

/**
 * A probe failed: {@code probe_success} is 0 and the target is down. The message is the reason
 * ("HTTP 503, expected 200", "/status was \"degraded\", expected \"ok\"", "timed out after 2s",
 * "connection refused"); the observations are the probe's series, which the Monitor still records.
 */
public final class ProbeFailedException extends TargetDownException {

  private static final long serialVersionUID = 1L;

  public ProbeFailedException(String reason, List<Observation> observations, Throwable cause) {
    super(reason, observations, cause);
  }
}
