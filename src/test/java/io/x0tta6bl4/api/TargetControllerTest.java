package io.x0tta6bl4.api;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.x0tta6bl4.mapek.CycleContext;
import io.x0tta6bl4.mapek.CycleReport;
import io.x0tta6bl4.mapek.LoopControl;
import io.x0tta6bl4.mapek.Mode;
import io.x0tta6bl4.mapek.Plan;
import io.x0tta6bl4.mapek.Snapshot;
import io.x0tta6bl4.mapek.Target;
import io.x0tta6bl4.mapek.TargetStatus;
import io.x0tta6bl4.mapek.monitor.TargetRegistry;
import io.x0tta6bl4.testsupport.InMemoryTargetStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(TargetController.class)
class TargetControllerTest {

  private static final String PROBLEM = "application/problem+json";

  @TestConfiguration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    InMemoryTargetStore store() {
      return new InMemoryTargetStore();
    }

    @Bean
    TargetRegistry targetRegistry(InMemoryTargetStore store) {
      Target web =
          new Target(
              "web",
              Target.Kind.PROMETHEUS,
              URI.create("http://127.0.0.1:9100/metrics"),
              null,
              0,
              null,
              null,
              "shop",
              Map.of(),
              null);
      return new TargetRegistry(List.of(web), store, t -> null, List.of());
    }
  }

  @Autowired MockMvc mvc;
  @Autowired InMemoryTargetStore store;
  @MockitoBean LoopControl loop;

  private static final String API_TARGET =
      """
      {"id":"api","kind":"http","url":"http://127.0.0.1:8081/health","timeout":"1500ms",
       "expectedStatus":204,"jsonPointer":"/status","expectedJsonValue":"UP","labels":{"team":"pay"}}
      """;

  @Test
  void listShowsConfiguredTargetsWithTheirLastObservedState() throws Exception {
    Instant at = Instant.parse("2026-11-24T08:00:00Z");
    CycleReport report =
        new CycleReport(
            new CycleContext(3, at, Mode.ACTIVE),
            Map.of(),
            new Snapshot(
                3,
                at,
                List.of(),
                List.of(new TargetStatus("web", false, "HTTP 503", Duration.ZERO))),
            List.of(),
            Plan.empty(3, Mode.ACTIVE),
            List.of(),
            List.of());
    given(loop.lastReport()).willReturn(Optional.of(report));

    mvc.perform(get("/api/v1/targets"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$[0].id").value("web"))
        .andExpect(jsonPath("$[0].kind").value("prometheus"))
        .andExpect(jsonPath("$[0].origin").value("config"))
        .andExpect(jsonPath("$[0].timeout").value("PT2S"))
        .andExpect(jsonPath("$[0].up").value(false))
        .andExpect(jsonPath("$[0].reason").value("HTTP 503"))
        .andExpect(jsonPath("$[0].observedAt").value("2026-11-24T08:00:00Z"));
  }

  @Test
  void createStoresTheTargetAndAnswers201WithItsLocation() throws Exception {
    mvc.perform(post("/api/v1/targets").contentType(MediaType.APPLICATION_JSON).content(API_TARGET))
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/targets/api"))
        .andExpect(jsonPath("$.origin").value("api"))
        .andExpect(jsonPath("$.timeout").value("PT1.5S"))
        .andExpect(jsonPath("$.expectedStatus").value(204))
        .andExpect(jsonPath("$.up").doesNotExist());

    org.assertj.core.api.Assertions.assertThat(store.targets.get("api").jsonPointer())
        .isEqualTo("/status");
  }

  @Test
  void aTakenIdIsAConflict() throws Exception {
    mvc.perform(
            post("/api/v1/targets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"web\",\"kind\":\"http\",\"url\":\"http://127.0.0.1:1/\"}"))
        .andExpect(status().isConflict())
        .andExpect(content().contentTypeCompatibleWith(PROBLEM))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/conflict"))
        .andExpect(jsonPath("$.detail").value("target 'web' already exists"));
  }

  @Test
  void putCreatesThenReplacesAndDeleteRemoves() throws Exception {
    mvc.perform(
            put("/api/v1/targets/api").contentType(MediaType.APPLICATION_JSON).content(API_TARGET))
        .andExpect(status().isCreated());
    mvc.perform(
            put("/api/v1/targets/api")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"kind\":\"http\",\"url\":\"http://127.0.0.1:8081/ready\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.url").value("http://127.0.0.1:8081/ready"))
        .andExpect(jsonPath("$.expectedStatus").value(200));
    mvc.perform(delete("/api/v1/targets/api")).andExpect(status().isNoContent());
    mvc.perform(get("/api/v1/targets/api"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.detail").value("target 'api' not found"));
  }

  @Test
  void configuredTargetsCannotBeChangedOrDeleted() throws Exception {
    mvc.perform(delete("/api/v1/targets/web"))
        .andExpect(status().isConflict())
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.containsString("declared in configuration")));
  }

  @Test
  void invalidTargetsAreRejectedNamingTheField() throws Exception {
    mvc.perform(
            post("/api/v1/targets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"api\",\"kind\":\"ftp\",\"url\":\"http://x/\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("kind must be prometheus or http, but was 'ftp'"))
        .andExpect(jsonPath("$.errors[0].field").value("kind"));
    mvc.perform(
            post("/api/v1/targets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"API!\",\"kind\":\"http\",\"url\":\"http://x/\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.startsWith("id must be 1-63 characters")));
    mvc.perform(
            post("/api/v1/targets")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"api\",\"kind\":\"http\",\"url\":\"file:///etc/passwd\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail")
                .value(
                    org.hamcrest.Matchers.containsString("must be an absolute http or https URL")));
    mvc.perform(
            post("/api/v1/targets")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"id\":\"api\",\"kind\":\"http\",\"url\":\"http://x/\",\"timeout\":\"soon\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("timeout"));
    mvc.perform(
            post("/api/v1/targets")
                .contentType(MediaType.APPLICATION_JSON)
                .content(
                    "{\"id\":\"api\",\"kind\":\"http\",\"url\":\"http://x/\",\"expectedStatuss\":200}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.detail")
                .value(org.hamcrest.Matchers.startsWith("unknown field 'expectedStatuss'")));
    mvc.perform(
            put("/api/v1/targets/api")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":\"other\",\"kind\":\"http\",\"url\":\"http://x/\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("id"));
    org.assertj.core.api.Assertions.assertThat(store.targets).isEmpty();
  }
}
