package io.x0tta6bl4.mapek.execute;

import io.x0tta6bl4.mapek.Action;
import io.x0tta6bl4.mapek.CycleContext;
import java.time.Instant;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON a webhook receives: {@code {"source":"x0tta6bl4","cycleId":..,"mode":..,"action":{"id",
 * "kind","target","policy","step","symptom","reason","params"},"sentAt":"<ISO-8601 instant>"}}.
 * Built once per action, so every retry sends the same bytes.
 */
final class WebhookPayload {

  private WebhookPayload() {}

  static byte[] json(JsonMapper json, Action action, CycleContext cycle, Instant sentAt) {
    ObjectNode root = json.createObjectNode();
    root.put("source", "x0tta6bl4");
    root.put("cycleId", cycle.cycleId());
    root.put("mode", cycle.mode().name());
    ObjectNode node = root.putObject("action");
    node.put("id", action.id());
    node.put("kind", action.kind());
    node.put("target", action.target());
    node.put("policy", action.policy());
    node.put("step", action.step());
    node.put("symptom", action.symptom());
    node.put("reason", action.reason());
    ObjectNode params = node.putObject("params");
    new TreeMap<>(action.params()).forEach(params::put);
    root.put("sentAt", sentAt.toString());
    return json.writeValueAsBytes(root);
  }
}
