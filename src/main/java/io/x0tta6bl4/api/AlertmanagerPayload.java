package io.x0tta6bl4.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.x0tta6bl4.mapek.analyze.Alert;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook body (version 4). Alertmanager may add fields in later versions, so
 * unknown fields are ignored here, unlike in the API's own request bodies.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AlertmanagerPayload(String version, String status, String receiver, List<Item> alerts) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Item(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      String fingerprint) {}

  /** The alerts, validated; a bad one is a 400 naming its index and field. */
  List<Alert> toAlerts() {
    if (alerts == null) {
      throw InvalidRequestException.of("alerts", "is required");
    }
    List<Alert> out = new java.util.ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      Item item = alerts.get(i);
      String at = "alerts[" + i + "]";
      if (item == null || !("firing".equals(item.status()) || "resolved".equals(item.status()))) {
        throw InvalidRequestException.of(at + ".status", "must be firing or resolved");
      }
      if (item.labels() == null || item.labels().isEmpty()) {
        throw InvalidRequestException.of(at + ".labels", "must not be empty");
      }
      NullValues.reject(at + ".labels", item.labels());
      NullValues.reject(at + ".annotations", item.annotations());
      if (item.startsAt() == null) {
        throw InvalidRequestException.of(at + ".startsAt", "is required");
      }
      out.add(
          new Alert(
              item.fingerprint(),
              "firing".equals(item.status()),
              item.labels(),
              item.annotations(),
              item.startsAt(),
              item.endsAt()));
    }
    return out;
  }
}
