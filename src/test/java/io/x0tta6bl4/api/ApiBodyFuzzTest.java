package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.x0tta6bl4.mapek.LoopControl;
import io.x0tta6bl4.mapek.monitor.TargetRegistry;
import io.x0tta6bl4.testsupport.InMemoryTargetStore;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Request bodies and their headers come from whoever reaches the port: whatever they hold, the API
 * answers a 2xx or a 4xx problem ({@code application/problem+json}), never a 500. Saved inputs (run
 * by every build) are under {@code ApiBodyFuzzTestInputs/}; see docs/fuzzing.md.
 */
@WebMvcTest({LoopController.class, TargetController.class, AlertController.class})
@Import({ApiConfiguration.class, AlertIntake.class})
class ApiBodyFuzzTest {

  /** The endpoints that read a JSON body, picked by the first line of an input. */
  private enum Endpoint {
    LOOP(HttpMethod.PATCH, "/api/v1/loop"),
    CREATE_TARGET(HttpMethod.POST, "/api/v1/targets"),
    PUT_TARGET(HttpMethod.PUT, "/api/v1/targets/fuzzed"),
    ALERTS(HttpMethod.POST, "/api/v1/alerts");

    final HttpMethod method;
    final String path;

    Endpoint(HttpMethod method, String path) {
      this.method = method;
      this.path = path;
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Collaborators {
    @Bean
    TargetRegistry targetRegistry() {
      return new TargetRegistry(List.of(), new InMemoryTargetStore(), t -> null, List.of());
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean LoopControl loop;

  @BeforeEach
  void loopIsRunning() {
    given(loop.state()).willReturn(TestData.running());
  }

  /**
   * An input is three lines and a body: the endpoint (its first byte, modulo four, in the order of
   * {@link Endpoint}), the Content-Type (empty: {@code application/json}), the Accept header
   * (empty: none), then the body's bytes. The timeout is a hang guard, not a speed test: the first
   * input loads and instruments Spring MVC, which took 17 s on a loaded machine.
   */
  @FuzzTest(maxDuration = "15s")
  @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void anyBodyGetsASuccessOrA4xxProblem(byte[] input) throws Exception {
    int[] cut = new int[3];
    int from = 0;
    for (int i = 0; i < cut.length; i++) {
      cut[i] = indexOf(input, (byte) '\n', from);
      if (cut[i] < 0) {
        return;
      }
      from = cut[i] + 1;
    }
    Endpoint endpoint =
        Endpoint.values()[cut[0] == 0 ? 0 : (input[0] & 0xff) % Endpoint.values().length];
    String contentType = header(input, cut[0] + 1, cut[1]);
    String accept = header(input, cut[1] + 1, cut[2]);
    byte[] body = Arrays.copyOfRange(input, cut[2] + 1, input.length);
    if (!mockMvcCanSend(contentType)) {
      return;
    }

    MockHttpServletRequestBuilder request =
        request(endpoint.method, endpoint.path)
            .header("Content-Type", contentType.isEmpty() ? "application/json" : contentType)
            .content(body);
    if (!accept.isEmpty()) {
      request.header("Accept", accept);
    }
    MockHttpServletResponse response = mvc.perform(request).andReturn().getResponse();

    assertThat(response.getStatus())
        .as("%s %s answered %s", endpoint.method, endpoint.path, response.getContentAsString())
        .isBetween(200, 499);
    if (response.getStatus() >= 400) {
      assertThat(response.getContentType())
          .as("content type of a %d", response.getStatus())
          .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    }
  }

  /**
   * Content types MockMvc itself fails on, found by this test: its request parses the Content-Type
   * with Spring's parser, which throws a StringIndexOutOfBoundsException on a quoted type such as
   * {@code "a/b"} (Spring 7.0.8), and it decodes the path with a charset such as {@code utf-8<}
   * that is not even a legal name. ApiServerTest and MediaTypeHeaderFilterTest send them.
   */
  private static boolean mockMvcCanSend(String contentType) {
    MockHttpServletRequest probe = new MockHttpServletRequest();
    try {
      probe.setContentType(contentType);
      if (probe.getCharacterEncoding() != null) {
        Charset.isSupported(probe.getCharacterEncoding());
      }
      return true;
    } catch (IndexOutOfBoundsException | IllegalCharsetNameException harnessFails) {
      return false;
    }
  }

  /** What Tomcat lets through in a header value: printable ASCII, spaces and tabs. */
  private static String header(byte[] input, int from, int to) {
    StringBuilder value = new StringBuilder();
    for (int i = from; i < to; i++) {
      char c = (char) (input[i] & 0xff);
      if ((c >= 0x20 && c < 0x7f) || c == '\t') {
        value.append(c);
      }
    }
    return value.toString().strip();
  }

  private static int indexOf(byte[] input, byte b, int from) {
    for (int i = from; i < input.length; i++) {
      if (input[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
