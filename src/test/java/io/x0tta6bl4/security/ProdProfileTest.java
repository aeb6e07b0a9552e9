package io.x0tta6bl4.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.x0tta6bl4.X0tta6bl4Application;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Secure by default: the prod profile serves mTLS and will not quietly run without it. */
class ProdProfileTest {

  private static final String[] COMMON = {
    "--server.port=0",
    "--management.server.port=0",
    "--x0tta6bl4.loop.start-paused=true",
    "--spring.datasource.url=jdbc:h2:mem:prod;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
  };

  private static ConfigurableApplicationContext start(String... args) {
    String[] all = new String[COMMON.length + args.length];
    System.arraycopy(COMMON, 0, all, 0, COMMON.length);
    System.arraycopy(args, 0, all, COMMON.length, args.length);
    return new SpringApplicationBuilder(X0tta6bl4Application.class).profiles("prod").run(all);
  }

  @Test
  void prodWithoutAnIdentityRefusesToStart() {
    assertThatThrownBy(ProdProfileTest::start)
        .rootCause()
        .hasMessageContaining("x0tta6bl4.security.mtls.enabled=true needs an identity")
        .hasMessageContaining("SPIFFE_ENDPOINT_SOCKET");
  }

  @Test
  void prodWithMtlsTurnedOffRefusesToStart() {
    assertThatThrownBy(() -> start("--MTLS_ENABLED=false"))
        .rootCause()
        .hasMessageContaining("MTLS_REQUIRED")
        .hasMessageContaining("set MTLS_REQUIRED=false to run without it on purpose");
  }

  @Test
  void prodRunsWithoutMtlsOnlyWhenToldExplicitly() {
    try (ConfigurableApplicationContext context =
        start("--MTLS_ENABLED=false", "--MTLS_REQUIRED=false")) {
      SecurityProperties security = context.getBean(SecurityProperties.class);
      assertThat(security.mtls().enabled()).isFalse();
      assertThat(security.mtls().required()).isFalse();
    }
  }
}
