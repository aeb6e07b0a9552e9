package io.x0tta6bl4.api;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Knowledge.AnomalyRecord;
import io.x0tta6bl4.mapek.OutcomeStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(KnowledgeController.class)
@Import(ApiConfiguration.class)
class KnowledgeControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean Knowledge knowledge;

  @Test
  void anomaliesAreFilteredByTargetAndSymptom() throws Exception {
    AnomalyRecord record = new AnomalyRecord(43, TestData.T0, TestData.anomaly());
    given(knowledge.anomalies("self", "memory_pressure", 1, 5))
        .willReturn(new Knowledge.Page<>(List.of(record), 1, 5, 6));

    mvc.perform(
            get("/api/v1/anomalies")
                .param("target", "self")
                .param("symptom", "memory_pressure")
                .param("page", "1")
                .param("size", "5"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.total").value(6))
        .andExpect(jsonPath("$.items[0].cycleId").value(43))
        .andExpect(jsonPath("$.items[0].observedAt").value("2026-11-24T10:15:30Z"))
        .andExpect(jsonPath("$.items[0].anomaly.severity").value("WARNING"))
        .andExpect(jsonPath("$.items[0].anomaly.evidence.recent[1]").value(0.93));
  }

  @Test
  void anomaliesWithoutFiltersAskForAll() throws Exception {
    given(knowledge.anomalies(null, null, 0, 20))
        .willReturn(new Knowledge.Page<>(List.of(), 0, 20, 0));

    mvc.perform(get("/api/v1/anomalies").param("target", ""))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items").isEmpty());

    then(knowledge).should().anomalies(null, null, 0, 20);
  }

  @Test
  void anomaliesRejectAnOversizedPage() throws Exception {
    mvc.perform(get("/api/v1/anomalies").param("size", "1000"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("size must be between 1 and 500, but was 1000"));
  }

  @ParameterizedTest
  @CsvSource({"failed, FAILED", "DRY_RUN, DRY_RUN", "dry-run, DRY_RUN", "Succeeded, SUCCEEDED"})
  void actionsAreFilteredByStatusCaseInsensitively(String given, OutcomeStatus expected)
      throws Exception {
    given(knowledge.actions(expected, 0, 20))
        .willReturn(new Knowledge.Page<>(List.of(TestData.actionRecord()), 0, 20, 1));

    mvc.perform(get("/api/v1/actions").param("status", given))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.items[0].action.id").value("43-1"))
        .andExpect(jsonPath("$.items[0].outcome.status").value("SUCCEEDED"));

    then(knowledge).should().actions(expected, 0, 20);
  }

  @Test
  void actionsWithoutAStatusAreNotFiltered() throws Exception {
    given(knowledge.actions(null, 0, 20)).willReturn(new Knowledge.Page<>(List.of(), 0, 20, 0));

    mvc.perform(get("/api/v1/actions")).andExpect(status().isOk());

    then(knowledge).should().actions(null, 0, 20);
  }

  @Test
  void anUnknownActionStatusIsRejectedListingTheValidOnes() throws Exception {
    mvc.perform(get("/api/v1/actions").param("status", "done"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/invalid-request"))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "status must be one of SUCCEEDED, FAILED, DRY_RUN, AWAITING_APPROVAL,"
                        + " SKIPPED, but was 'done'"))
        .andExpect(jsonPath("$.errors[0].field").value("status"));

    then(knowledge).shouldHaveNoInteractions();
  }

  @Test
  void oneActionIsShownWithItsOutcome() throws Exception {
    given(knowledge.action("43-1")).willReturn(Optional.of(TestData.actionRecord()));

    mvc.perform(get("/api/v1/actions/43-1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cycleId").value(43))
        .andExpect(jsonPath("$.plannedAt").value("2026-11-24T10:15:30Z"))
        .andExpect(jsonPath("$.action.kind").value("gc"))
        .andExpect(jsonPath("$.outcome.startedAt").value("2026-11-24T10:15:30.003Z"))
        .andExpect(jsonPath("$.outcome.attempts").value(1));
  }

  @Test
  void anUnknownActionIsNotFound() throws Exception {
    given(knowledge.action("9-9")).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/actions/9-9"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/not-found"))
        .andExpect(jsonPath("$.detail").value("action '9-9' not found"))
        .andExpect(jsonPath("$.instance").value("/api/v1/actions/9-9"));
  }

  @Test
  void statsAreShownWithIsoTimesAndDurations() throws Exception {
    Knowledge.Stats stats =
        new Knowledge.Stats(
            10,
            4,
            3,
            1,
            Map.of("SUCCEEDED", 2L, "FAILED", 1L),
            TestData.T0,
            TestData.T0.plusSeconds(45),
            0.0021,
            List.of(new Knowledge.SuccessRate("memory_pressure", "gc", 3, 2, 2 / 3.0)),
            Duration.ofDays(7));
    given(knowledge.stats()).willReturn(stats);

    mvc.perform(get("/api/v1/knowledge/stats"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cycles").value(10))
        .andExpect(jsonPath("$.outcomes.SUCCEEDED").value(2))
        .andExpect(jsonPath("$.firstCycleAt").value("2026-11-24T10:15:30Z"))
        .andExpect(jsonPath("$.lastCycleAt").value("2026-11-24T10:16:15Z"))
        .andExpect(jsonPath("$.successRates[0].attempts").value(3))
        .andExpect(jsonPath("$.retention").value("PT168H"));
  }
}
