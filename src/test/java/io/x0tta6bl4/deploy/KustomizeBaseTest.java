package io.x0tta6bl4.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The files of k8s/base as kustomize reads them. Needs no kubectl: scripts/qa/k8s.sh renders the
 * kustomization itself and validates the result against the Kubernetes schemas.
 */
class KustomizeBaseTest {

  private static final Path BASE = Path.of("k8s", "base");

  private static List<HasMetadata> objects;

  @BeforeAll
  static void readBase() throws IOException {
    Map<String, Object> kustomization =
        new Yaml().load(Files.readString(BASE.resolve("kustomization.yaml")));
    @SuppressWarnings("unchecked")
    List<String> resources = (List<String>) kustomization.get("resources");
    objects = new ArrayList<>();
    for (String resource : resources) {
      objects.addAll(Manifests.parse(Files.readString(BASE.resolve(resource))));
    }
  }

  @Test
  void everyFieldIsOneKubernetesKnowsIncludingTheFilesNotApplied() throws IOException {
    List<HasMetadata> withExample = new ArrayList<>(objects);
    withExample.addAll(Manifests.parse(Files.readString(BASE.resolve("secret.example.yaml"))));
    withExample.addAll(
        Manifests.parse(Files.readString(Path.of("k8s", "backup", "knowledge-volume-pod.yaml"))));
    assertThat(Manifests.unknownFields(withExample)).isEmpty();
  }

  @Test
  void controllerRunsHardened() {
    Manifests.assertHardenedController(Manifests.one(objects, Deployment.class));
  }

  @Test
  void roleGrantsOnlyWhatTheKubernetesActionCalls() {
    Manifests.assertLeastPrivilege(Manifests.one(objects, Role.class));
    RoleBinding binding = Manifests.one(objects, RoleBinding.class);
    assertThat(binding.getSubjects())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo("ServiceAccount");
              assertThat(s.getName()).isEqualTo("x0tta6bl4");
              assertThat(s.getNamespace()).isEqualTo("x0tta6bl4");
            });
  }

  @Test
  void networkPolicyDeniesByDefaultAndOpensOnlyTheTwoPorts() {
    List<NetworkPolicy> policies = Manifests.all(objects, NetworkPolicy.class);
    assertThat(policies)
        .anySatisfy(
            p -> {
              assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
              assertThat(p.getSpec().getIngress()).isNullOrEmpty();
              assertThat(p.getSpec().getPolicyTypes()).contains("Ingress", "Egress");
            });
    assertThat(policies)
        .flatExtracting(p -> p.getSpec().getIngress())
        .flatExtracting(rule -> rule.getPorts())
        .extracting(port -> port.getPort().getIntVal())
        .containsExactlyInAnyOrder(9090, 8000);
  }

  @Test
  void secretsAreMountedAsFilesNotPutInTheBase() {
    assertThat(objects).noneMatch(o -> o.getKind().equals("Secret"));
    Deployment deployment = Manifests.one(objects, Deployment.class);
    var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(Manifests.mountPath(container, "secrets")).isEqualTo("/run/secrets/x0tta6bl4");
  }
}
