package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The size limit on bodies of unknown length (chunked), which MockMvc cannot send. */
class RequestSizeLimitFilterTest {

  private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(new JsonMapper());

  @Test
  void aChunkedBodyOverTheLimitIsRejectedWithoutReachingTheChain() throws Exception {
    MockHttpServletRequest request = chunked(new byte[RequestSizeLimitFilter.LIMIT + 1]);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getContentAsString())
        .contains("\"type\":\"https://x0tta6bl4.io/problems/payload-too-large\"")
        .contains("\"detail\":\"request body is larger than the limit of 65536 bytes\"")
        .contains("\"instance\":\"/api/v1/loop\"");
    assertThat(chain.getRequest()).isNull();
  }

  @Test
  void aChunkedBodyWithinTheLimitIsPassedOnWhole() throws Exception {
    byte[] body = new byte[RequestSizeLimitFilter.LIMIT];
    Arrays.fill(body, (byte) 'x');
    MockHttpServletRequest request = chunked(body);
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, new MockHttpServletResponse(), chain);

    HttpServletRequest passed = (HttpServletRequest) chain.getRequest();
    assertThat(passed.getInputStream().readAllBytes()).isEqualTo(body);
    assertThat(passed.getContentLengthLong()).isEqualTo(RequestSizeLimitFilter.LIMIT);
  }

  @Test
  void theBufferedBodyCanBeReadAsText() throws Exception {
    MockHttpServletRequest request =
        chunked("{\"mode\":\"active\"}".getBytes(StandardCharsets.UTF_8));
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(((HttpServletRequest) chain.getRequest()).getReader().readLine())
        .isEqualTo("{\"mode\":\"active\"}");
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRejectedWithoutReadingTheBody() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/api/v1/loop");
    request.setContent(new byte[RequestSizeLimitFilter.LIMIT + 1]);
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, response, chain);

    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(chain.getRequest()).isNull();
  }

  @Test
  void aDeclaredLengthWithinTheLimitIsPassedOnUntouched() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/api/v1/loop");
    request.setContent(new byte[10]);
    MockFilterChain chain = new MockFilterChain();

    filter.doFilter(request, new MockHttpServletResponse(), chain);

    assertThat(chain.getRequest()).isSameAs(request);
  }

  /** A request whose length is not declared, as with Transfer-Encoding: chunked. */
  private static MockHttpServletRequest chunked(byte[] body) {
    MockHttpServletRequest request =
        new MockHttpServletRequest("PATCH", "/api/v1/loop") {
          @Override
          public int getContentLength() {
            return -1;
          }

          @Override
          public long getContentLengthLong() {
            return -1;
          }
        };
    request.setContent(body);
    request.addHeader("Transfer-Encoding", "chunked");
    return request;
  }
}
