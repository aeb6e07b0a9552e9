package io.x0tta6bl4.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** {@code /health} against Boot's real HealthEndpoint, with one contributor the test switches. */
// the slice has none of the loop's health contributors the readiness group names
@WebMvcTest(
    value = HealthController.class,
    properties = "management.endpoint.health.validate-group-membership=false")
@ImportAutoConfiguration({
  EndpointAutoConfiguration.class,
  HealthContributorAutoConfiguration.class,
  HealthContributorRegistryAutoConfiguration.class,
  HealthEndpointAutoConfiguration.class
})
@Import(HealthControllerTest.Fixtures.class)
class HealthControllerTest {

  /** JVM start + 12.34 s, so the uptime is known exactly. */
  static final Instant NOW =
      Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()).plusMillis(12_340);

  /** A health contributor whose status the test sets. */
  static final class SwitchableHealth implements HealthIndicator {
    private volatile Status status = Status.UP;

    @Override
    public Health health() {
      return Health.status(status).build();
    }
  }

  @TestConfiguration(proxyBeanMethods = false)
  static class Fixtures {
    @Bean
    Clock clock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    BuildProperties buildProperties() {
      Properties properties = new Properties();
      properties.setProperty("version", "3.1.0");
      return new BuildProperties(properties);
    }

    @Bean
    SwitchableHealth switchable() {
      return new SwitchableHealth();
    }
  }

  @Autowired MockMvc mvc;
  @Autowired SwitchableHealth switchable;
  @Autowired HealthEndpoint healthEndpoint;

  @BeforeEach
  void allUp() {
    switchable.status = Status.UP;
  }

  @Test
  void healthIsOkWithVersionAndUptimeWhenEverythingIsUp() throws Exception {
    mvc.perform(get("/health"))
        .andExpect(status().isOk())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(
            content().json("{\"status\":\"ok\",\"version\":\"3.1.0\",\"uptime\":12.34}", true));
  }

  @ParameterizedTest
  @ValueSource(strings = {"OUT_OF_SERVICE", "UNKNOWN", "DEGRADED"})
  void healthIsOkForAnyStatusButDown(String code) throws Exception {
    switchable.status = new Status(code);

    mvc.perform(get("/health"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("ok"));
  }

  @Test
  void healthIsDownWith503WhenAContributorIsDown() throws Exception {
    switchable.status = Status.DOWN;

    mvc.perform(get("/health"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentType(MediaType.APPLICATION_JSON))
        .andExpect(
            content().json("{\"status\":\"down\",\"version\":\"3.1.0\",\"uptime\":12.34}", true));
  }

  @Test
  void versionIsUnknownWithoutBuildInformation() {
    HealthController controller =
        new HealthController(
            healthEndpoint,
            new StaticListableBeanFactory().getBeanProvider(BuildProperties.class),
            Clock.fixed(NOW, ZoneOffset.UTC));

    HealthView view = controller.health().getBody();

    assertThat(view).isEqualTo(new HealthView("ok", "unknown", 12.34));
  }
}
