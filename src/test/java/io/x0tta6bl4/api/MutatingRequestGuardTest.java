package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MutatingRequestGuardTest {

  private final JsonMapper json = JsonMapper.builder().build();
  private final AtomicBoolean passed = new AtomicBoolean();
  private final FilterChain chain = (request, response) -> passed.set(true);

  private MockHttpServletResponse send(ApiToken token, String method, String from, String auth)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/loop/pause");
    request.setRemoteAddr(from);
    if (auth != null) {
      request.addHeader("Authorization", auth);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    new MutatingRequestGuard(token, json).doFilter(request, response, chain);
    return response;
  }

  @Test
  void readsAreOpenToEveryone() throws Exception {
    send(ApiToken.of(""), "GET", "203.0.113.7", null);

    assertThat(passed).isTrue();
  }

  @Test
  void withoutATokenChangesAreAcceptedFromLoopbackOnly() throws Exception {
    send(ApiToken.of(""), "POST", "127.0.0.1", null);
    assertThat(passed).isTrue();
    passed.set(false);
    send(ApiToken.of(""), "DELETE", "::1", null);
    assertThat(passed).isTrue();
    passed.set(false);

    MockHttpServletResponse remote = send(ApiToken.of(""), "POST", "10.1.2.3", null);

    assertThat(passed).isFalse();
    assertThat(remote.getStatus()).isEqualTo(403);
    assertThat(remote.getContentType()).isEqualTo("application/problem+json");
    JsonNode problem = json.readTree(remote.getContentAsString());
    assertThat(problem.path("type").asString())
        .isEqualTo("https://x0tta6bl4.io/problems/forbidden");
    assertThat(problem.path("detail").asString()).contains("accepted from loopback only");
  }

  @Test
  void withATokenEveryChangeNeedsItEvenFromLoopback() throws Exception {
    ApiToken token = ApiToken.of("s3cret-token");

    MockHttpServletResponse none = send(token, "PATCH", "127.0.0.1", null);
    MockHttpServletResponse wrong = send(token, "PATCH", "127.0.0.1", "Bearer nope");
    assertThat(passed).isFalse();
    send(token, "PATCH", "10.1.2.3", "Bearer s3cret-token");

    assertThat(none.getStatus()).isEqualTo(401);
    assertThat(none.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"x0tta6bl4\"");
    assertThat(wrong.getStatus()).isEqualTo(401);
    assertThat(wrong.getContentAsString()).doesNotContain("s3cret").doesNotContain("nope");
    assertThat(passed).isTrue();
  }

  @Test
  void theTokenNeverPrints() {
    assertThat(new ApiSecurityProperties(ApiToken.of("s3cret-token")).toString())
        .doesNotContain("s3cret")
        .contains("****");
  }

  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  @org.springframework.boot.context.properties.EnableConfigurationProperties(
      ApiSecurityProperties.class)
  static class Binding {}

  @Test
  void theTokenBindsFromConfiguration() {
    new org.springframework.boot.test.context.runner.ApplicationContextRunner()
        .withUserConfiguration(Binding.class)
        .withPropertyValues("x0tta6bl4.api.token=from-config")
        .run(
            context -> {
              ApiToken token = context.getBean(ApiSecurityProperties.class).token();
              assertThat(token.isSet()).isTrue();
              assertThat(token.matches("from-config")).isTrue();
            });
  }
}
