package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The {@code /error} page the container forwards to when a filter or the container fails. */
@WebMvcTest(ProblemErrorController.class)
@ExtendWith(OutputCaptureExtension.class)
class ProblemErrorControllerTest {

  @Autowired MockMvc mvc;

  @Test
  void aFilterRejectionBecomesAProblemOfItsStatus() throws Exception {
    mvc.perform(errorDispatch(413, "/api/v1/loop"))
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/payload-too-large"))
        .andExpect(jsonPath("$.title").value("Payload too large"))
        .andExpect(jsonPath("$.status").value(413))
        .andExpect(jsonPath("$.detail").value("request body is too large"))
        .andExpect(jsonPath("$.instance").value("/api/v1/loop"));
  }

  @Test
  void aStatusWithoutAProblemTypeIsAboutBlankWithItsReason() throws Exception {
    mvc.perform(errorDispatch(429, "/api/v1/loop"))
        .andExpect(status().isTooManyRequests())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        // RFC 9457 §4.2.1: a missing type means about:blank, which Spring leaves out
        .andExpect(jsonPath("$.type").doesNotExist())
        .andExpect(jsonPath("$.title").value("Too Many Requests"))
        .andExpect(jsonPath("$.detail").value("too many requests"));
  }

  @Test
  void aNotFoundFromTheContainerNamesThePath() throws Exception {
    mvc.perform(errorDispatch(404, "/missing"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/not-found"))
        .andExpect(jsonPath("$.detail").value("no resource at /missing"));
  }

  @Test
  void anExceptionFromAFilterIsLoggedButNeverSent(CapturedOutput log) throws Exception {
    String body =
        mvc.perform(
                errorDispatch(500, "/api/v1/loop")
                    .header(RequestIds.HEADER, "req-9")
                    .requestAttr(
                        RequestDispatcher.ERROR_EXCEPTION,
                        new IllegalStateException("secret=hunter2")))
            .andExpect(status().isInternalServerError())
            .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
            .andExpect(jsonPath("$.type").value("https://x0tta6bl4.io/problems/internal"))
            .andExpect(
                jsonPath("$.detail")
                    .value("internal error, see the controller log for request req-9"))
            .andReturn()
            .getResponse()
            .getContentAsString();

    assertThat(body).doesNotContain("hunter2", "IllegalStateException", "trace");
    assertThat(log.getOut())
        .contains("request req-9 /api/v1/loop failed outside the API's handlers")
        .contains("java.lang.IllegalStateException: secret=hunter2");
  }

  @Test
  void anErrorPageWithoutAStatusIsAnInternalError() throws Exception {
    mvc.perform(get("/error"))
        .andExpect(status().isInternalServerError())
        .andExpect(
            jsonPath("$.detail")
                .value(matchesPattern("internal error, see the controller log for request .+")))
        .andExpect(jsonPath("$.instance").value("/error"));
  }

  private static MockHttpServletRequestBuilder errorDispatch(int status, String path) {
    return get("/error")
        .requestAttr(RequestDispatcher.ERROR_STATUS_CODE, status)
        .requestAttr(RequestDispatcher.ERROR_REQUEST_URI, path);
  }
}
