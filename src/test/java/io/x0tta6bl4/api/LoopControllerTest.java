package io.x0tta6bl4.api;

import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.x0tta6bl4.mapek.LoopControl;
import io.x0tta6bl4.mapek.Mode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@WebMvcTest(LoopController.class)
@Import(ApiConfiguration.class)
class LoopControllerTest {

  @Autowired MockMvc mvc;
  @MockitoBean LoopControl loop;

  @Test
  void loopStateIsShownWithLowerCaseModeAndIsoTimes() throws Exception {
    given(loop.state()).willReturn(TestData.running());

    mvc.perform(get("/api/v1/loop"))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(jsonPath("$.status").value("running"))
        .andExpect(jsonPath("$.mode").value("active"))
        .andExpect(jsonPath("$.interval").value("PT5S"))
        .andExpect(jsonPath("$.intervalSeconds").value(5.0))
        .andExpect(jsonPath("$.cyclesRun").value(3))
        .andExpect(jsonPath("$.lastCycleId").value(42))
        .andExpect(jsonPath("$.lastCycleAt").value("2026-11-24T10:15:30Z"))
        .andExpect(jsonPath("$.nextCycleAt").value("2026-11-24T10:15:35Z"));
  }

  @Test
  void dryRunModeIsShownAsDryRunAndAMissingNextCycleAsNull() throws Exception {
    given(loop.state()).willReturn(TestData.state("paused", Mode.DRY_RUN, Duration.ofMillis(500)));

    mvc.perform(get("/api/v1/loop"))
        .andExpect(jsonPath("$.mode").value("dry-run"))
        .andExpect(jsonPath("$.interval").value("PT0.5S"))
        .andExpect(jsonPath("$.intervalSeconds").value(0.5))
        .andExpect(jsonPath("$.nextCycleAt").value(nullValue()));
  }

  @Test
  void pausePausesTheLoopAndReturnsTheNewState() throws Exception {
    given(loop.state()).willReturn(TestData.state("paused", Mode.ACTIVE, Duration.ofSeconds(5)));

    mvc.perform(post("/api/v1/loop/pause"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("paused"));

    then(loop).should().pause();
    then(loop).should(never()).resume();
  }

  @Test
  void resumeResumesTheLoopAndReturnsTheNewState() throws Exception {
    given(loop.state()).willReturn(TestData.running());

    mvc.perform(post("/api/v1/loop/resume"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("running"));

    then(loop).should().resume();
    then(loop).should(never()).pause();
  }

  @ParameterizedTest
  @CsvSource({"500ms, PT0.5S", "2s, PT2S", "1m, PT1M", "PT2S, PT2S", "pt0.1s, PT0.1S", "1h, PT1H"})
  void patchChangesTheIntervalInAnyAcceptedNotation(String given, String expected)
      throws Exception {
    given(loop.state()).willReturn(TestData.running());

    mvc.perform(patchJson("{\"interval\":\"" + given + "\"}")).andExpect(status().isOk());

    then(loop).should().changeInterval(Duration.parse(expected));
    then(loop).should(never()).changeMode(any());
  }

  @ParameterizedTest
  @CsvSource({"dry-run, DRY_RUN", "DRY_RUN, DRY_RUN", "Dry-Run, DRY_RUN", "active, ACTIVE"})
  void patchChangesTheModeCaseInsensitively(String given, Mode expected) throws Exception {
    given(loop.state()).willReturn(TestData.state("running", expected, Duration.ofSeconds(5)));

    mvc.perform(patchJson("{\"mode\":\"" + given + "\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.mode").value(LoopView.modeName(expected)));

    then(loop).should().changeMode(expected);
    then(loop).should(never()).changeInterval(any());
  }

  @Test
  void patchWithBothFieldsChangesBoth() throws Exception {
    given(loop.state()).willReturn(TestData.running());

    mvc.perform(patchJson("{\"interval\":\"2s\",\"mode\":\"dry-run\"}")).andExpect(status().isOk());

    then(loop).should().changeInterval(Duration.ofSeconds(2));
    then(loop).should().changeMode(Mode.DRY_RUN);
  }

  @Test
  void patchWithAnIntervalBelowTheMinimumIsRejectedWithoutChangingAnything() throws Exception {
    mvc.perform(patchJson("{\"interval\":\"10ms\",\"mode\":\"dry-run\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/invalid-request"))
        .andExpect(jsonPath("$.title").value("Invalid request"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(
            jsonPath("$.detail").value("interval must be between 100ms and 1h, but was 10ms"))
        .andExpect(jsonPath("$.instance").value("/api/v1/loop"))
        .andExpect(jsonPath("$.errors[0].field").value("interval"))
        .andExpect(
            jsonPath("$.errors[0].message").value("must be between 100ms and 1h, but was 10ms"));

    then(loop).should(never()).changeInterval(any());
    then(loop).should(never()).changeMode(any());
  }

  @Test
  void patchWithAnIntervalAboveTheMaximumIsRejected() throws Exception {
    mvc.perform(patchJson("{\"interval\":\"PT2H\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.errors[0].message").value("must be between 100ms and 1h, but was 2h"));

    then(loop).should(never()).changeInterval(any());
  }

  @Test
  void patchListsEveryInvalidField() throws Exception {
    mvc.perform(patchJson("{\"interval\":\"soon\",\"mode\":\"chaos\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors.length()").value(2))
        .andExpect(jsonPath("$.errors[0].field").value("interval"))
        .andExpect(
            jsonPath("$.errors[0].message")
                .value("must be a duration such as 500ms, 2s, 1m or PT2S, but was 'soon'"))
        .andExpect(jsonPath("$.errors[1].field").value("mode"))
        .andExpect(
            jsonPath("$.errors[1].message")
                .value("must be one of active, dry-run, but was 'chaos'"));

    then(loop).should(never()).changeMode(any());
  }

  @Test
  void patchWithNeitherFieldIsRejected() throws Exception {
    mvc.perform(patchJson("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("give at least one of interval and mode"));
  }

  @Test
  void patchWithAnUnknownFieldIsRejectedNamingTheField() throws Exception {
    mvc.perform(patchJson("{\"interval\":\"2s\",\"speed\":\"fast\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/invalid-request"))
        .andExpect(
            jsonPath("$.detail").value("unknown field 'speed'; known fields: interval, mode"))
        .andExpect(jsonPath("$.errors[0].field").value("speed"));

    then(loop).should(never()).changeInterval(any());
  }

  @Test
  void patchWithAFieldOfTheWrongTypeIsRejectedNamingTheField() throws Exception {
    mvc.perform(patchJson("{\"mode\":5}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/invalid-request"))
        .andExpect(jsonPath("$.detail").value("mode must be a string, but was a number"))
        .andExpect(jsonPath("$.errors[0].field").value("mode"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a string, but was a number"));

    then(loop).should(never()).changeMode(any());
  }

  @Test
  void patchWithMalformedJsonSaysWhereWithoutJavaDetails() throws Exception {
    mvc.perform(patchJson("{\"interval\": \"2s\""))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/malformed-json"))
        .andExpect(jsonPath("$.title").value("Malformed JSON"))
        .andExpect(jsonPath("$.detail").value(startsWith("request body is not valid JSON: ")))
        .andExpect(jsonPath("$.detail").value(endsWith("(line 1, column 18)")))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    not(
                        anyOf(
                            containsString("java."),
                            containsString("jackson"),
                            containsString("Exception"),
                            containsString("Source"),
                            containsString("x0tta6bl4")))));

    then(loop).shouldHaveNoInteractions();
  }

  @Test
  void patchWithSomethingOtherThanOneObjectIsRejected() throws Exception {
    mvc.perform(patchJson("[\"2s\"]"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/invalid-request"))
        .andExpect(jsonPath("$.detail").value("request body must be one JSON object"));
  }

  @Test
  void patchWithoutABodyIsRejected() throws Exception {
    mvc.perform(patch("/api/v1/loop").contentType(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("request body is required"));
  }

  @Test
  void patchWithAnotherMediaTypeIsUnsupported() throws Exception {
    mvc.perform(patch("/api/v1/loop").contentType(MediaType.TEXT_PLAIN).content("interval=2s"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/unsupported-media-type"))
        .andExpect(jsonPath("$.status").value(415))
        .andExpect(jsonPath("$.instance").value("/api/v1/loop"));
  }

  @Test
  void anUnsupportedMethodIsNotAllowed() throws Exception {
    mvc.perform(delete("/api/v1/loop"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/method-not-allowed"))
        .andExpect(jsonPath("$.status").value(405))
        .andExpect(jsonPath("$.detail").value("Method 'DELETE' is not supported."))
        .andExpect(jsonPath("$.instance").value("/api/v1/loop"));
  }

  private static MockHttpServletRequestBuilder patchJson(String body) {
    return patch("/api/v1/loop").contentType(MediaType.APPLICATION_JSON).content(body);
  }
}
