package io.x0tta6bl4.mapek.monitor;

import io.x0tta6bl4.mapek.Observation;
import java.time.Instant;
import java.util.List;

/**
 * Where observations of one target come from: the controller itself, a Prometheus endpoint, an HTTP
 * probe. A new kind of target is a new implementation of this interface.
 */
public interface MetricSource {

  /** Id of the target this source observes; appears on every observation it returns. */
  String target();

  /**
   * Observes the target once.
   *
   * @param now the cycle's time, for sources that compute rates between calls
   * @throws Exception when the target cannot be observed; the Monitor marks it down with the
   *     exception's message as the reason
   */
  List<Observation> collect(Instant now) throws Exception;
}
