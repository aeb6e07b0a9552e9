package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where observations of one target come from: the controller itself, a Prometheus endpoint, an HTTP
 * probe. A new kind of target is a new implementation of this interface.
 *
 * <p>The Monitor calls {@link #collect} on one of its worker threads, at most once at a time per
 * target, and interrupts that thread when the call outlives {@link #timeout()}.
 */
public interface MetricSource {

  /** Timeout of a source that does not name its own. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Id of the target this source observes; appears on every observation it returns. */
  String target();

  /**
   * Longest one {@link #collect} may take; after it the Monitor marks the target down ("timed out
   * after 2s") and interrupts the call.
   */
  default Duration timeout() {
    return DEFAULT_TIMEOUT;
  }

  /**
   * Observes the target once.
   *
   * @param now the cycle's time, for sources that compute rates between calls
   * @throws TargetDownException when the target cannot be observed or answers wrongly; the Monitor
   *     marks it down with the exception's message as the reason and keeps the observations the
   *     exception carries (e.g. {@code up} = 0)
   * @throws Exception any other failure also marks the target down, with the exception's type and
   *     message as the reason
   */
  List<Observation> collect(Instant now) throws Exception;
}
