package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.x0tta6bl4.mapek.analyze.AlertInbox;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.MockMvc;

// the inbox is state: each test starts with an empty one
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
@WebMvcTest(AlertController.class)
@Import(AlertIntake.class)
class AlertControllerTest {

  private static final Instant NOW = AlertIntake.NOW;

  @Autowired MockMvc mvc;
  @Autowired AlertInbox inbox;

  /** As Alertmanager 0.27 sends it, fields this controller does not read included. */
  private static final String DELIVERY =
      """
      {"receiver":"x0tta6bl4","status":"firing","version":"4","groupKey":"{}:{alertname=\\"HighLatency\\"}",
       "truncatedAlerts":0,"groupLabels":{"alertname":"HighLatency"},"commonLabels":{},"commonAnnotations":{},
       "externalURL":"http://alertmanager:9093",
       "alerts":[
        {"status":"firing","labels":{"alertname":"HighLatency","job":"checkout","severity":"critical"},
         "annotations":{"summary":"p99 above 1s"},"startsAt":"2026-11-24T08:00:00Z",
         "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prometheus/graph","fingerprint":"c0ffee"},
        {"status":"firing","labels":{"alertname":"Watchdog"},"annotations":{},
         "startsAt":"2026-11-24T07:00:00Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"beef"}]}
      """;

  @Test
  void aDeliveryIsReceivedAndItsRedeliveryIsADuplicate() throws Exception {
    mvc.perform(post("/api/v1/alerts").contentType(MediaType.APPLICATION_JSON).content(DELIVERY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.received").value(2))
        .andExpect(jsonPath("$.fresh").value(2))
        .andExpect(jsonPath("$.ignored").value(1));
    mvc.perform(post("/api/v1/alerts").contentType(MediaType.APPLICATION_JSON).content(DELIVERY))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.fresh").value(0))
        .andExpect(jsonPath("$.duplicates").value(2));

    assertThat(inbox.firing(NOW))
        .extracting(a -> a.fingerprint())
        .containsExactly("c0ffee", "beef");
  }

  @Test
  void aResolvedDeliveryRemovesTheAlert() throws Exception {
    mvc.perform(post("/api/v1/alerts").contentType(MediaType.APPLICATION_JSON).content(DELIVERY));

    mvc.perform(
            post("/api/v1/alerts")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    DELIVERY.replace(
                        "\"status\":\"firing\",\"labels\":{\"alertname\":\"HighLatency\"",
                        "\"status\":\"resolved\",\"labels\":{\"alertname\":\"HighLatency\"")))
        .andExpect(jsonPath("$.resolved").value(1));

    assertThat(inbox.firing(NOW)).extracting(a -> a.fingerprint()).containsExactly("beef");
  }

  @Test
  void anInvalidAlertIsA400NamingItsIndexAndNothingIsTaken() throws Exception {
    mvc.perform(
            post("/api/v1/alerts")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"startsAt\":\"2026-11-24T08:00:00Z\"},{\"status\":\"burning\",\"labels\":{}}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("alerts[1].status"));
    mvc.perform(
            post("/api/v1/alerts")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"version\":\"4\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("alerts is required"));

    assertThat(inbox.firing(NOW)).isEmpty();
  }

  /** Found by fuzzing (ApiBodyFuzzTest): a null label or annotation value was a 500. */
  @Test
  void aNullLabelOrAnnotationValueIsA400NamingIt() throws Exception {
    mvc.perform(
            post("/api/v1/alerts")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\",\"job\":null},\"startsAt\":\"2026-11-24T08:00:00Z\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail").value("alerts[0].labels.job must be a string, but was null"));
    mvc.perform(
            post("/api/v1/alerts")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"A\"},\"annotations\":{\"summary\":null},\"startsAt\":\"2026-11-24T08:00:00Z\"}]}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("alerts[0].annotations.summary"));

    assertThat(inbox.firing(NOW)).isEmpty();
  }
}
