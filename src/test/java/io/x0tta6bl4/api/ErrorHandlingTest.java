package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.x0tta6bl4.mapek.Knowledge;
import io.x0tta6bl4.mapek.LoopControl;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** Errors outside one controller's own cases: unexpected failures, unknown paths, size limit. */
@WebMvcTest({LoopController.class, CycleController.class})
@Import(ApiConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class ErrorHandlingTest {

  private static final String SECRET = "jdbc:postgresql://db/x0?password=hunter2";

  @Autowired MockMvc mvc;
  @MockitoBean LoopControl loop;
  @MockitoBean Knowledge knowledge;

  @Test
  void anUnexpectedFailureIsA500ThatNamesTheRequestButNotTheException(CapturedOutput log)
      throws Exception {
    given(loop.state()).willThrow(new IllegalStateException(SECRET));

    String body =
        mvc.perform(get("/api/v1/loop").header("X-Request-Id", "req-123"))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/internal"))
            .andExpect(jsonPath("$.title").value("Internal error"))
            .andExpect(jsonPath("$.status").value(500))
            .andExpect(
                jsonPath("$.detail")
                    .value("internal error, see the controller log for request req-123"))
            .andExpect(jsonPath("$.requestId").value("req-123"))
            .andExpect(jsonPath("$.instance").value("/api/v1/loop"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body).doesNotContain("hunter2", "IllegalStateException", "at io.");
    assertThat(log.getOut())
        .contains("request req-123 GET /api/v1/loop failed")
        .contains("java.lang.IllegalStateException: " + SECRET)
        .contains("at io.x0tta6bl4.api.LoopController.state");
  }

  @Test
  void anUnsafeRequestIdIsReplacedByAGeneratedOne() throws Exception {
    given(loop.state()).willThrow(new IllegalStateException("boom"));

    mvc.perform(get("/api/v1/loop").header("X-Request-Id", "a b\nforged log line"))
        .andExpect(status().isInternalServerError())
        .andExpect(
            jsonPath("$.detail")
                .value(
                    matchesPattern(
                        "internal error, see the controller log for request"
                            + " [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")))
        .andExpect(jsonPath("$.detail").value(not(containsString("forged"))));
  }

  @Test
  void anUnknownPathUnderTheApiIsANotFoundProblem() throws Exception {
    mvc.perform(get("/api/v1/nothing-here"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/not-found"))
        .andExpect(jsonPath("$.detail").value("no resource at /api/v1/nothing-here"))
        .andExpect(jsonPath("$.instance").value("/api/v1/nothing-here"));
  }

  @Test
  void anUnknownPathOutsideTheApiIsANotFoundProblemToo() throws Exception {
    mvc.perform(get("/index.php"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("no resource at /index.php"));
  }

  @Test
  void aProblemIsSentEvenWhenTheClientOnlyAcceptsJson() throws Exception {
    mvc.perform(get("/api/v1/cycles/x").accept(MediaType.APPLICATION_JSON))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.detail").value("id must be an integer, but was 'x'"));
  }

  /** Found by fuzzing (ApiBodyFuzzTest): MVC answered such an Accept with a 406 and no body. */
  @Test
  void aMalformedAcceptIsA406Problem() throws Exception {
    mvc.perform(
            patch("/api/v1/loop")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Accept", "application/")
                .content("{\"mode\":\"active\"}"))
        .andExpect(status().isNotAcceptable())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/not-acceptable"))
        .andExpect(jsonPath("$.instance").value("/api/v1/loop"));

    then(loop).shouldHaveNoInteractions();
  }

  @Test
  void aMalformedContentTypeOrAnUnknownCharsetIsA415Problem() throws Exception {
    for (String contentType : List.of("application/", "application/json; charset=nope")) {
      mvc.perform(
              patch("/api/v1/loop")
                  .header("Content-Type", contentType)
                  .content("{\"mode\":\"active\"}"))
          .andExpect(status().isUnsupportedMediaType())
          .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
          .andExpect(
              jsonPath("$.type").value("https://x0tta6bl4.io/problems/unsupported-media-type"));
    }

    then(loop).shouldHaveNoInteractions();
  }

  @Test
  void aBodyOverTheLimitIsRejectedBeforeTheControllerRuns() throws Exception {
    byte[] body = new byte[RequestSizeLimitFilter.LIMIT + 1];
    Arrays.fill(body, (byte) ' ');

    mvc.perform(patch("/api/v1/loop").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/payload-too-large"))
        .andExpect(jsonPath("$.title").value("Payload too large"))
        .andExpect(jsonPath("$.status").value(413))
        .andExpect(
            jsonPath("$.detail").value("request body is larger than the limit of 65536 bytes"))
        .andExpect(jsonPath("$.instance").value("/api/v1/loop"));

    then(loop).shouldHaveNoInteractions();
  }

  @Test
  void aBodyAtTheLimitIsAccepted() throws Exception {
    given(loop.state()).willReturn(TestData.running());
    String json = "{\"mode\":\"active\"}";
    byte[] body = new byte[RequestSizeLimitFilter.LIMIT];
    Arrays.fill(body, (byte) ' ');
    System.arraycopy(json.getBytes(), 0, body, 0, json.length());

    mvc.perform(patch("/api/v1/loop").contentType(MediaType.APPLICATION_JSON).content(body))
        .andExpect(status().isOk());
  }

  @Test
  void theSizeLimitAppliesToEveryApiRequest() throws Exception {
    mvc.perform(
            post("/api/v1/cycles")
                .contentType(MediaType.APPLICATION_JSON)
                .content(new byte[RequestSizeLimitFilter.LIMIT + 1]))
        .andExpect(status().isPayloadTooLarge());

    then(loop).shouldHaveNoInteractions();
  }
}
