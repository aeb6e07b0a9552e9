package io.x0tta6bl4.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.x0tta6bl4.X0tta6bl4Application;
import io.x0tta6bl4.security.SecurityProperties;
import io.x0tta6bl4.testsupport.FakeWorkloadApi;
import io.x0tta6bl4.testsupport.TestCa;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The controller starts as k8s/base runs it: the prod profile, the Deployment's environment, the
 * ConfigMap's application-k8s.yml, and its identity from a Workload API at SPIFFE_ENDPOINT_SOCKET
 * (served by the test, as the SPIFFE CSI driver's socket would be). The probes the Deployment
 * points at answer over plain HTTP on the management port while the API port demands mTLS.
 */
class ManifestConfigurationTest {

  private static final Path BASE = Path.of("k8s", "base");

  @TempDir Path dir;

  @Test
  void theBaseConfigurationStartsWithMtlsAndProbesTheManagementPort() throws Exception {
    List<HasMetadata> objects = new ArrayList<>();
    for (String file : new String[] {"deployment.yaml", "configmap.yaml"}) {
      objects.addAll(Manifests.parse(Files.readString(BASE.resolve(file))));
    }
    Deployment deployment = Manifests.one(objects, Deployment.class);
    ConfigMap config = Manifests.one(objects, ConfigMap.class);
    Path overrides = dir.resolve("application-k8s.yml");
    Files.writeString(overrides, config.getData().get("application-k8s.yml"));

    TestCa ca = TestCa.create("example.org");
    try (FakeWorkloadApi agent =
        FakeWorkloadApi.start(dir, ca, ca.issue("/ns/x0tta6bl4/sa/x0tta6bl4"))) {
      List<String> args = new ArrayList<>();
      String profile = "default";
      for (EnvVar env :
          deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
        if (env.getValue() == null) {
          continue; // from a Secret or the downward API
        }
        switch (env.getName()) {
          case "SPRING_PROFILES_ACTIVE" -> profile = env.getValue();
          case "SPRING_CONFIG_ADDITIONAL_LOCATION" ->
              assertThat(env.getValue()).endsWith("/application-k8s.yml");
          case "SPIFFE_ENDPOINT_SOCKET", "API_PORT", "MANAGEMENT_PORT", "DATA_DIR" -> {}
          default -> args.add("--" + env.getName() + "=" + env.getValue());
        }
      }
      args.add("--SPIFFE_ENDPOINT_SOCKET=" + agent.address());
      args.add("--API_PORT=0");
      args.add("--MANAGEMENT_PORT=0");
      args.add("--DATA_DIR=" + dir.resolve("data"));
      args.add("--spring.config.additional-location=file:" + overrides);
      args.add("--x0tta6bl4.loop.start-paused=true");

      try (ConfigurableApplicationContext context =
          new SpringApplicationBuilder(X0tta6bl4Application.class)
              .profiles(profile)
              .run(args.toArray(String[]::new))) {
        SecurityProperties security = context.getBean(SecurityProperties.class);
        assertThat(security.mtls().enabled()).isTrue();
        assertThat(security.mtls().required()).isTrue();
        assertThat(security.roles().operator()).isNotEmpty();

        int api = ((WebServerApplicationContext) context).getWebServer().getPort();
        int management =
            Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
        HttpClient plain = HttpClient.newHttpClient();
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        for (String path :
            Set.of(
                container.getLivenessProbe().getHttpGet().getPath(),
                container.getReadinessProbe().getHttpGet().getPath())) {
          assertThat(status(plain, management, path)).as(path).isEqualTo(200);
        }
        assertThat(status(plain, api, "/health")).isEqualTo(400);
      }
    }
  }

  private static int status(HttpClient client, int port, String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
