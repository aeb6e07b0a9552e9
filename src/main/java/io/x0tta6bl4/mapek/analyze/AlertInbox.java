package io.x0tta6bl4.mapek.analyze;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts received from Alertmanager that are still firing. Alertmanager delivers at least once (and
 * twice from an HA pair), so a delivery of an alert already held — same fingerprint, same start —
 * is a duplicate and changes nothing. An alert leaves when it is resolved, when its {@code endsAt}
 * has passed, or when it was not delivered again for {@code maxAge}. Thread-safe: the API writes,
 * the loop reads.
 */
public final class AlertInbox {

  private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private final Duration maxAge;
  private final Map<String, Held> active = new LinkedHashMap<>();

  public AlertInbox(Duration maxAge) {
    this.maxAge = maxAge;
  }

  /** What one delivery changed. */
  public record Receipt(int received, int fresh, int duplicates, int resolved) {}

  private record Held(Alert alert, Instant lastDelivered) {}

  public synchronized Receipt receive(List<Alert> alerts, Instant now) {
    int fresh = 0;
    int duplicates = 0;
    int resolved = 0;
    for (Alert alert : alerts) {
      Held held = active.get(alert.fingerprint());
      if (!alert.firing()) {
        if (active.remove(alert.fingerprint()) != null) {
          resolved++;
        } else {
          duplicates++;
        }
      } else if (held != null && held.alert().startsAt().equals(alert.startsAt())) {
        duplicates++;
        active.put(alert.fingerprint(), new Held(alert, now));
      } else {
        fresh++;
        active.put(alert.fingerprint(), new Held(alert, now));
      }
    }
    return new Receipt(alerts.size(), fresh, duplicates, resolved);
  }

  /** Alerts firing at {@code now}; expired ones are dropped. */
  public synchronized List<Alert> firing(Instant now) {
    active.values().removeIf(held -> expired(held, now));
    List<Alert> firing = new ArrayList<>(active.size());
    active.values().forEach(held -> firing.add(held.alert()));
    return firing;
  }

  private boolean expired(Held held, Instant now) {
    Instant endsAt = held.alert().endsAt();
    boolean ended = endsAt != null && endsAt.isAfter(ZERO_TIME) && !endsAt.isAfter(now);
    return ended || held.lastDelivered().plus(maxAge).isBefore(now);
  }
}
