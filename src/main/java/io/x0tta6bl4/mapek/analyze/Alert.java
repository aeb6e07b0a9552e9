package io.x0tta6bl4.mapek.analyze;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One alert as Alertmanager delivers it to a webhook receiver.
 *
 * @param fingerprint Alertmanager's identity of the alert (a hash of its labels); when a sender
 *     omits it, one is derived from the labels
 * @param firing true for {@code "status":"firing"}, false for {@code "resolved"}
 * @param startsAt when the alert started firing
 * @param endsAt when it ends or ended; null when open-ended
 */
public record Alert(
    String fingerprint,
    boolean firing,
    Map<String, String> labels,
    Map<String, String> annotations,
    Instant startsAt,
    Instant endsAt) {

  public Alert {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    if (labels.isEmpty()) {
      throw new IllegalArgumentException("an alert must have labels");
    }
    Objects.requireNonNull(startsAt, "startsAt");
    fingerprint =
        fingerprint == null || fingerprint.isBlank() ? derivedFingerprint(labels) : fingerprint;
  }

  /** Stable across deliveries: the sorted label set, hashed. */
  private static String derivedFingerprint(Map<String, String> labels) {
    return Integer.toHexString(new TreeMap<>(labels).toString().hashCode());
  }

  public String label(String name) {
    return labels.get(name);
  }
}
