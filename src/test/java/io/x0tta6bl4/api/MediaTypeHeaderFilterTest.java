package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Headers MockMvc cannot even send: Spring 7.0.8's parser throws a StringIndexOutOfBoundsException
 * on a quoted media type (found by ApiBodyFuzzTest), and MockHttpServletRequest parses its
 * Content-Type with it. So the request here carries its headers past the mock.
 */
class MediaTypeHeaderFilterTest {

  private final MediaTypeHeaderFilter filter =
      new MediaTypeHeaderFilter(JsonMapper.builder().build());

  @Test
  void aQuotedContentTypeIsA415Problem() throws Exception {
    MockHttpServletResponse response = filter(Map.of("Content-Type", "\"a/b\""));

    assertThat(response.getStatus()).isEqualTo(415);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString())
        .contains("\"type\":\"https://x0tta6bl4.io/problems/unsupported-media-type\"")
        .contains("\"instance\":\"/api/v1/loop\"");
  }

  @Test
  void aQuotedAcceptIsA406Problem() throws Exception {
    MockHttpServletResponse response = filter(Map.of("Accept", "\"/plain"));

    assertThat(response.getStatus()).isEqualTo(406);
    assertThat(response.getContentAsString())
        .contains("\"type\":\"https://x0tta6bl4.io/problems/not-acceptable\"");
  }

  @Test
  void validHeadersPassOn() throws Exception {
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(
        request(Map.of("Content-Type", "application/json; charset=utf-8", "Accept", "*/*;q=0.5")),
        new MockHttpServletResponse(),
        chain);

    assertThat(chain.getRequest()).isNotNull();
  }

  private MockHttpServletResponse filter(Map<String, String> headers) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request(headers), response, chain);
    assertThat(chain.getRequest()).as("passed on").isNull();
    return response;
  }

  private static HttpServletRequest request(Map<String, String> headers) {
    return new HttpServletRequestWrapper(new MockHttpServletRequest("PATCH", "/api/v1/loop")) {
      @Override
      public String getHeader(String name) {
        return headers.get(name);
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        String value = headers.get(name);
        return Collections.enumeration(value == null ? List.of() : List.of(value));
      }
    };
  }
}
