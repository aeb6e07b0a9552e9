package io.x0tta6bl4.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.x0tta6bl4.testsupport.StartupFailures;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Bad security configuration stops startup with a message naming the key. */
class SecurityPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SecurityProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Properties.class);

  @Test
  void mtlsIsOffByDefault() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          SecurityProperties security = context.getBean(SecurityProperties.class);
          assertThat(security.mtls().enabled()).isFalse();
          assertThat(security.spiffe().configured()).isFalse();
        });
  }

  @Test
  void requiredWithoutEnabledRefusesToStart() {
    assertFails(
        "x0tta6bl4.security.mtls.required (MTLS_REQUIRED) is true",
        "x0tta6bl4.security.mtls.required=true");
  }

  @Test
  void enabledWithoutAnIdentityRefusesToStart() {
    assertFails(
        "x0tta6bl4.security.mtls.enabled=true needs an identity",
        "x0tta6bl4.security.mtls.enabled=true");
  }

  @Test
  void anEndpointSocketMustBeUnixOrTcp() {
    assertFails(
        "x0tta6bl4.security.spiffe.endpoint-socket must start with unix: or tcp://",
        "x0tta6bl4.security.spiffe.endpoint-socket=/tmp/agent.sock");
  }

  @Test
  void svidFilesComeAsAThree() {
    assertFails(
        "x0tta6bl4.security.spiffe.files needs certificate, private-key and bundle together",
        "x0tta6bl4.security.spiffe.files.certificate=/run/svid.pem");
  }

  @Test
  void aMistypedKeyRefusesToStart() {
    assertFails("enabeld", "x0tta6bl4.security.mtls.enabeld=true");
  }

  @Test
  void theEnvironmentSpellingsBind() {
    runner
        .withPropertyValues(
            "x0tta6bl4.security.mtls.enabled=true",
            "x0tta6bl4.security.spiffe.endpoint-socket=unix:/run/spire/agent.sock",
            "x0tta6bl4.security.roles.operator=spiffe://example.org/ns/ops/*,spiffe://example.org/ci")
        .run(
            context -> {
              SecurityProperties security = context.getBean(SecurityProperties.class);
              assertThat(security.mtls().enabled()).isTrue();
              assertThat(security.roles().operator())
                  .containsExactly("spiffe://example.org/ns/ops/*", "spiffe://example.org/ci");
            });
  }

  @Test
  void noIdentityMeansNoSourceAndAClearErrorForFeaturesThatNeedOne() throws Exception {
    try (SpiffeIdentity identity =
        SpiffeIdentity.open(SecurityProperties.Spiffe.defaults(), Clock.systemUTC())) {
      assertThat(identity.source()).isEmpty();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> identity.require("outbound mTLS"))
          .hasMessageContaining("outbound mTLS needs the controller's SPIFFE identity")
          .hasMessageContaining("SPIFFE_ENDPOINT_SOCKET");
    }
  }

  @Test
  void anUnreachableWorkloadApiNamesTheKeyAndAddress() {
    assertFails(
        "no X.509 SVID from the Workload API at unix:/nonexistent/agent.sock",
        SecurityConfigurationRunner.class,
        "x0tta6bl4.security.spiffe.endpoint-socket=unix:/nonexistent/agent.sock",
        "x0tta6bl4.security.spiffe.init-timeout=1s");
  }

  @Configuration(proxyBeanMethods = false)
  @org.springframework.context.annotation.Import(SecurityConfiguration.class)
  static class SecurityConfigurationRunner {
    @org.springframework.context.annotation.Bean
    Clock clock() {
      return Clock.systemUTC();
    }
  }

  private void assertFails(String message, String... properties) {
    assertFails(message, Properties.class, properties);
  }

  private void assertFails(String message, Class<?> configuration, String... properties) {
    new ApplicationContextRunner()
        .withUserConfiguration(configuration)
        .withPropertyValues(properties)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(StartupFailures.messages(context.getStartupFailure())).contains(message);
            });
  }
}
