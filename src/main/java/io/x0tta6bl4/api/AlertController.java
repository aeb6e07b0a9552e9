package io.x0tta6bl4.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.x0tta6bl4.mapek.analyze.Alert;
import io.x0tta6bl4.mapek.analyze.AlertDetector;
import io.x0tta6bl4.mapek.analyze.AlertInbox;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alertmanager intake: point a webhook receiver at {@code POST /api/v1/alerts}. Firing alerts
 * become anomalies in the next cycle and go through the same policies and guards as the loop's own
 * detections.
 */
@RestController
@RequestMapping("/api/v1/alerts")
@Tag(name = "alerts", description = "Alertmanager webhook receiver")
class AlertController {

  private static final Logger log = LoggerFactory.getLogger(AlertController.class);

  private final AlertInbox inbox;
  private final AlertDetector detector;
  private final Clock clock;

  AlertController(AlertInbox inbox, AlertDetector detector, Clock clock) {
    this.inbox = inbox;
    this.detector = detector;
    this.clock = clock;
  }

  /** What a delivery changed, and how many alerts could not be mapped to a target and symptom. */
  record Receipt(int received, int fresh, int duplicates, int resolved, int ignored) {}

  @PostMapping
  @Operation(summary = "Receive an Alertmanager webhook delivery (deduplicated by fingerprint)")
  Receipt receive(@RequestBody AlertmanagerPayload payload) {
    List<Alert> alerts = payload.toAlerts();
    int ignored = 0;
    for (Alert alert : alerts) {
      if (alert.firing() && !detector.actionable(alert)) {
        ignored++;
        log.warn("alert {} names no target or symptom label; it is ignored", alert.labels());
      }
    }
    AlertInbox.Receipt r = inbox.receive(alerts, clock.instant());
    return new Receipt(r.received(), r.fresh(), r.duplicates(), r.resolved(), ignored);
  }
}
