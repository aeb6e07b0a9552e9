package io.x0tta6bl4.api;

import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.Knowledge.CycleDetail;
import io.x0tta6bl4.mapek.Knowledge.CycleSummary;
import io.x0tta6bl4.mapek.LoopControl;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(CycleController.class)
@Import(ApiConfiguration.class)
class CycleControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean LoopControl loop;
  @MockitoBean Knowledge knowledge;

  @Test
  void cyclesAreListedAsAPageWithDefaultPaging() throws Exception {
    CycleSummary summary = CycleSummary.of(TestData.report(43));
    given(knowledge.cycles(0, 20)).willReturn(new Knowledge.Page<>(List.of(summary), 0, 20, 1));

    mvc.perform(get("/api/v1/cycles"))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.page").value(0))
        .andExpect(jsonPath("$.size").value(20))
        .andExpect(jsonPath("$.total").value(1))
        .andExpect(jsonPath("$.items[0].id").value(43))
        .andExpect(jsonPath("$.items[0].startedAt").value("2026-11-24T10:15:30Z"))
        .andExpect(jsonPath("$.items[0].mode").value("ACTIVE"))
        .andExpect(jsonPath("$.items[0].timings.monitor").value(0.004))
        .andExpect(jsonPath("$.items[0].totalSeconds").value(0.016))
        .andExpect(jsonPath("$.items[0].anomalies").value(1));
  }

  @Test
  void cyclesArePagedAsAsked() throws Exception {
    given(knowledge.cycles(3, 500)).willReturn(new Knowledge.Page<>(List.of(), 3, 500, 0));

    mvc.perform(get("/api/v1/cycles").param("page", "3").param("size", "500"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.page").value(3));

    then(knowledge).should().cycles(3, 500);
  }

  @Test
  void aPageSizeOutOfRangeIsRejectedWithTheValueGiven() throws Exception {
    mvc.perform(get("/api/v1/cycles").param("size", "501"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/invalid-request"))
        .andExpect(jsonPath("$.detail").value("size must be between 1 and 500, but was 501"))
        .andExpect(jsonPath("$.instance").value("/api/v1/cycles"))
        .andExpect(jsonPath("$.errors[0].field").value("size"))
        .andExpect(jsonPath("$.errors[0].message").value("must be between 1 and 500, but was 501"));

    then(knowledge).shouldHaveNoInteractions();
  }

  @Test
  void aNegativePageIsRejected() throws Exception {
    mvc.perform(get("/api/v1/cycles").param("page", "-1").param("size", "0"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'page')].message")
                .value("must be at least 0, but was -1"))
        .andExpect(
            jsonPath("$.errors[?(@.field == 'size')].message")
                .value("must be between 1 and 500, but was 0"));
  }

  @Test
  void aPageThatIsNotANumberIsRejectedNamingTheParameter() throws Exception {
    mvc.perform(get("/api/v1/cycles").param("page", "abc"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("page must be an integer, but was 'abc'"))
        .andExpect(jsonPath("$.errors[0].field").value("page"))
        .andExpect(jsonPath("$.errors[0].message").value("must be an integer, but was 'abc'"));
  }

  @Test
  void oneCycleIsShownWithItsDetail() throws Exception {
    given(knowledge.cycle(43)).willReturn(Optional.of(CycleDetail.of(TestData.report(43))));

    mvc.perform(get("/api/v1/cycles/43"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.summary.id").value(43))
        .andExpect(jsonPath("$.anomalies[0].symptom").value("memory_pressure"))
        .andExpect(jsonPath("$.anomalies[0].evidence.since").value("2026-11-24T10:15:00Z"))
        .andExpect(jsonPath("$.plan.actions[0].id").value("43-1"))
        .andExpect(jsonPath("$.outcomes[0].status").value("SUCCEEDED"))
        .andExpect(jsonPath("$.outcomes[0].duration").value("PT0.012S"));
  }

  @Test
  void anUnknownCycleIsNotFound() throws Exception {
    given(knowledge.cycle(7)).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/cycles/7"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/not-found"))
        .andExpect(jsonPath("$.title").value("Not found"))
        .andExpect(jsonPath("$.status").value(404))
        .andExpect(jsonPath("$.detail").value("cycle 7 not found"))
        .andExpect(jsonPath("$.instance").value("/api/v1/cycles/7"));
  }

  @Test
  void aCycleIdThatIsNotANumberIsRejected() throws Exception {
    mvc.perform(get("/api/v1/cycles/latest"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("id must be an integer, but was 'latest'"));
  }

  @Test
  void runningACycleNowCreatesItAndPointsToIt() throws Exception {
    CycleReport report = TestData.report(44);
    given(loop.runOnce()).willReturn(report);

    mvc.perform(post("/api/v1/cycles"))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/cycles/44"))
        .andExpect(jsonPath("$.summary.id").value(44))
        .andExpect(jsonPath("$.summary.observations").value(1))
        .andExpect(jsonPath("$.outcomes[0].actionId").value("43-1"));

    then(loop).should().runOnce();
  }

  @Test
  void theSnapshotIsTheNewestCyclesObservationsAndTargets() throws Exception {
    given(loop.lastReport()).willReturn(Optional.of(TestData.report(45)));

    mvc.perform(get("/api/v1/snapshot"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.cycleId").value(45))
        .andExpect(jsonPath("$.takenAt").value("2026-11-24T10:15:30Z"))
        .andExpect(jsonPath("$.observations[0].series").value("process_memory_ratio"))
        .andExpect(jsonPath("$.observations[0].value").value(0.93))
        .andExpect(jsonPath("$.targets[0].target").value("self"))
        .andExpect(jsonPath("$.targets[0].up").value(true))
        .andExpect(jsonPath("$.targets[0].latency").value("PT0.004S"));
  }

  @Test
  void theSnapshotIsNotFoundBeforeTheFirstCycle() throws Exception {
    given(loop.lastReport()).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/snapshot"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/not-found"))
        .andExpect(jsonPath("$.detail").value("no cycle has run yet"));
  }
}
