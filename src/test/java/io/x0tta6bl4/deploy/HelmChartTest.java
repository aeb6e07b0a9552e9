package io.x0tta6bl4.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints and renders helm/x0tta6bl4 with Helm itself (helm-java: Helm's Go code as a native library,
 * no helm binary), with the default values, with every option on and with every option off. Each
 * rendering is also written to target/helm-rendered/, where scripts/qa/k8s.sh validates it against
 * the Kubernetes schemas.
 */
class HelmChartTest {

  private static final Path CHART = Path.of("helm", "x0tta6bl4");
  private static final Path RENDERED = Path.of("target", "helm-rendered");
  private static final String NAMESPACE = "x0tta6bl4";
  private static final String KUBE_VERSION = "1.31.0";

  @Test
  void lintsCleanInStrictMode() {
    LintResult lint = new Helm(CHART).lint().strict().call();
    assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    assertThat(lint.getMessages()).allMatch(m -> m.startsWith("[INFO]"), "only INFO messages");
  }

  @Test
  void defaultsRenderTheHardenedController() throws IOException {
    List<HasMetadata> objects = render("default", t -> t);
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "ConfigMap",
            "PersistentVolumeClaim",
            "Deployment",
            "Service",
            "Service",
            "NetworkPolicy",
            "NetworkPolicy",
            "PodDisruptionBudget");
    assertThat(objects).allMatch(o -> NAMESPACE.equals(o.getMetadata().getNamespace()));
    assertThat(Manifests.unknownFields(objects)).isEmpty();
    Manifests.assertHardenedController(Manifests.one(objects, Deployment.class));
    Manifests.assertLeastPrivilege(Manifests.one(objects, Role.class));
    assertThat(Manifests.one(objects, PodDisruptionBudget.class).getSpec().getMaxUnavailable())
        .hasFieldOrPropertyWithValue("intVal", 1);
  }

  @Test
  void configMapCarriesTheApplicationConfigAndTheRoles() throws IOException {
    List<HasMetadata> objects =
        render(
            "roles",
            t ->
                t.set("security.roles.viewer[0]", "spiffe://example.org/ns/monitoring/sa/*")
                    .set("security.roles.operator[0]", "spiffe://example.org/ns/ops/sa/oncall"));
    ConfigMap config = Manifests.one(objects, ConfigMap.class);
    Map<String, Object> yaml = new Yaml().load(config.getData().get("application-k8s.yml"));
    assertThat(yaml)
        .extracting("x0tta6bl4.security.roles.viewer", "x0tta6bl4.security.roles.operator")
        .isNotNull();
    assertThat(config.getData().get("application-k8s.yml"))
        .contains(
            "spiffe://example.org/ns/monitoring/sa/*", "spiffe://example.org/ns/ops/sa/oncall")
        .contains("interval: 5s");
  }

  @Test
  void everyOptionOnRendersValidObjects() throws IOException {
    List<HasMetadata> objects =
        render(
            "all-options",
            t ->
                t.set("serviceMonitor.enabled", "true")
                    .set("secrets.create", "true")
                    .set("secrets.apiToken", "t0ken")
                    .set("database.existingSecret", "x0-db")
                    .set("persistence.enabled", "false")
                    .set("rbac.targetNamespaces[0]", "shop")
                    .set("networkPolicy.egress.apiServerCidrs[0]", "10.0.0.1/32")
                    .set("extraVolumes[0].name", "svid")
                    .set("extraVolumes[0].emptyDir.medium", "Memory")
                    .set("extraVolumeMounts[0].name", "svid")
                    .set("extraVolumeMounts[0].mountPath", "/run/spire/svid"));
    assertThat(Manifests.unknownFields(objects)).isEmpty();
    assertThat(Manifests.all(objects, Role.class))
        .extracting(r -> r.getMetadata().getNamespace())
        .containsExactlyInAnyOrder(NAMESPACE, "shop");
    assertThat(Manifests.custom(objects, "ServiceMonitor")).isPresent();
    Secret secret = Manifests.one(objects, Secret.class);
    assertThat(secret.getData()).containsOnlyKeys("x0tta6bl4.api.token");
    Deployment deployment = Manifests.one(objects, Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(Manifests.volume(pod, "data").getEmptyDir()).isNotNull();
    assertThat(Manifests.volume(pod, "svid").getEmptyDir().getMedium()).isEqualTo("Memory");
    assertThat(Manifests.mountPath(pod.getContainers().get(0), "svid"))
        .isEqualTo("/run/spire/svid");
    assertThat(Manifests.volume(pod, "secrets").getSecret().getSecretName())
        .isEqualTo(secret.getMetadata().getName());
    assertThat(pod.getContainers().get(0).getEnv())
        .filteredOn(e -> e.getName().equals("SPRING_DATASOURCE_URL"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("x0-db"));
  }

  @Test
  void dashboardAndAlertRulesShipAsTheChartHoldsThem() throws IOException {
    List<HasMetadata> objects =
        render(
            "monitoring",
            t -> t.set("prometheusRule.enabled", "true").set("grafanaDashboard.enabled", "true"));
    GenericKubernetesResource rule = Manifests.custom(objects, "PrometheusRule").orElseThrow();
    Map<String, Object> alerts =
        new Yaml().load(Files.readString(CHART.resolve("files/alerts.yml")));
    Object groups = rule.get("spec", "groups");
    assertThat(groups).isNotNull().isEqualTo(alerts.get("groups"));
    ConfigMap dashboard =
        Manifests.all(objects, ConfigMap.class).stream()
            .filter(c -> "1".equals(c.getMetadata().getLabels().get("grafana_dashboard")))
            .findFirst()
            .orElseThrow();
    assertThat(dashboard.getData().get("x0tta6bl4.json"))
        .isEqualTo(Files.readString(CHART.resolve("files/x0tta6bl4.json")).strip());
  }

  @Test
  void everyOptionOffRendersTheBareController() throws IOException {
    List<HasMetadata> objects =
        render(
            "minimal",
            t ->
                t.set("networkPolicy.enabled", "false")
                    .set("podDisruptionBudget.enabled", "false")
                    .set("rbac.create", "false")
                    .set("serviceAccount.create", "false")
                    .set("serviceAccount.name", "existing")
                    .set("security.spiffe.csi.enabled", "false")
                    .set("security.mtls.enabled", "false"));
    assertThat(objects).noneMatch(o -> o instanceof NetworkPolicy || o instanceof Role);
    Deployment deployment = Manifests.one(objects, Deployment.class);
    var pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getServiceAccountName()).isEqualTo("existing");
    assertThat(pod.getVolumes()).noneMatch(v -> v.getCsi() != null);
    assertThat(Manifests.env(pod.getContainers().get(0), "SPIFFE_ENDPOINT_SOCKET")).isNull();
  }

  @Test
  void schemaRejectsBadValues() {
    assertRejected(t -> t.set("replicaCount", "2"), "replicaCount");
    assertRejected(t -> t.set("replicas", "1"), "replicas");
    assertRejected(t -> t.set("security.roles.viewer[0]", "http://not-spiffe"), "viewer");
    assertRejected(t -> t.set("securityContext.runAsNonRoot", "false"), "runAsNonRoot");
    assertRejected(t -> t.set("persistence.accessMode", "ReadOnce"), "accessMode");
    assertRejected(t -> t.set("networkPolicy.egress.extraPorts[0]", "70000"), "extraPorts");
  }

  @Test
  void enablingAShippedFileThatIsMissingFailsNamingIt(@TempDir Path copy) throws IOException {
    try (Stream<Path> files = Files.walk(CHART)) {
      for (Path source : files.filter(p -> !p.startsWith(CHART.resolve("files"))).toList()) {
        Path target = copy.resolve(CHART.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    TemplateCommand withoutFiles =
        new Helm(copy).template().withName("x0tta6bl4").withKubeVersion(KUBE_VERSION);
    assertThatThrownBy(() -> withoutFiles.set("prometheusRule.enabled", "true").call())
        .hasMessageContaining("files/alerts.yml is missing");
  }

  private static void assertRejected(UnaryOperator<TemplateCommand> values, String naming) {
    assertThatThrownBy(() -> values.apply(template()).call()).hasMessageContaining(naming);
  }

  private static TemplateCommand template() {
    // helm template assumes Kubernetes 1.20 without a cluster; the chart needs 1.25 or newer
    return new Helm(CHART)
        .template()
        .withName("x0tta6bl4")
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
  }

  private static List<HasMetadata> render(String variant, UnaryOperator<TemplateCommand> values)
      throws IOException {
    String yaml = values.apply(template()).call();
    Files.createDirectories(RENDERED);
    Files.writeString(RENDERED.resolve(variant + ".yaml"), yaml);
    return Manifests.parse(yaml);
  }
}
