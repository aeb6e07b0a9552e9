package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.security.RoleRules;
import io.x0tta6bl4.security.SecurityProperties;
import io.x0tta6bl4.testsupport.TestCa;
import jakarta.servlet.FilterChain;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(OutputCaptureExtension.class)
class SpiffeAuthorizationFilterTest {

  private static final TestCa CA = TestCa.create("example.org");

  private final RoleRules roles =
      RoleRules.from(
          new SecurityProperties.Roles(
              List.of("spiffe://example.org/ns/monitoring/*"),
              List.of("spiffe://example.org/ns/ops/sa/oncall")));
  private final SpiffeAuthorizationFilter filter =
      new SpiffeAuthorizationFilter(roles, JsonMapper.builder().build());
  private final AtomicBoolean passed = new AtomicBoolean();
  private final FilterChain chain = (request, response) -> passed.set(true);

  private MockHttpServletResponse send(String method, String path, String callerPath)
      throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    if (callerPath != null) {
      request.setAttribute(
          SpiffeAuthorizationFilter.CERTIFICATES,
          CA.issue(callerPath).chain().toArray(X509Certificate[]::new));
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    filter.doFilter(request, response, chain);
    return response;
  }

  @Test
  void anOperatorMayChangeThings() throws Exception {
    send("POST", "/api/v1/loop/pause", "/ns/ops/sa/oncall");

    assertThat(passed).isTrue();
  }

  @Test
  void aViewerMayReadButNotChange(CapturedOutput output) throws Exception {
    send("GET", "/api/v1/cycles", "/ns/monitoring/sa/grafana");
    assertThat(passed).isTrue();
    passed.set(false);

    MockHttpServletResponse refused =
        send("DELETE", "/api/v1/targets/web", "/ns/monitoring/sa/grafana");

    assertThat(passed).isFalse();
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.getContentType()).isEqualTo("application/problem+json");
    assertThat(refused.getContentAsString())
        .contains("has only the viewer role")
        .contains("DELETE /api/v1/targets/web needs the operator role");
    assertThat(output)
        .contains(
            "refused DELETE /api/v1/targets/web for spiffe://example.org/ns/monitoring/sa/grafana:"
                + " needs operator, has only the viewer role");
  }

  @Test
  void aTrustedCallerWithoutARoleMayNotEvenRead() throws Exception {
    MockHttpServletResponse refused = send("GET", "/api/v1/loop", "/ns/shop/sa/web");

    assertThat(passed).isFalse();
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.getContentAsString()).contains("has no role");
  }

  @Test
  void probesAnswerAnyTrustedCaller() throws Exception {
    send("GET", "/ready", "/ns/shop/sa/web");

    assertThat(passed).isTrue();
  }

  @Test
  void aRequestWithoutACertificateIsRefused() throws Exception {
    MockHttpServletResponse refused = send("GET", "/health", null);

    assertThat(passed).isFalse();
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.getContentAsString()).contains("a caller with no SPIFFE ID");
  }

  @Test
  void aProbePathIsMatchedExactly() throws Exception {
    send("POST", "/health/../api/v1/loop/pause", "/ns/shop/sa/web");

    assertThat(passed).isFalse();
  }
}
