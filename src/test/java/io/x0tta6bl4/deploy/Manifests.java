package io.x0tta6bl4.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads Kubernetes YAML into fabric8's typed model and checks what both the kustomize base and the
 * Helm chart must hold. The typed model also finds mistyped field names, which the JSON schemas of
 * scripts/qa/k8s.sh let through: fabric8 keeps a field it does not know in {@code
 * additionalProperties}.
 */
final class Manifests {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {}

  /** Every object of a multi-document YAML text, typed where fabric8 knows the kind. */
  static List<HasMetadata> parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
      if (document != null) {
        objects.add(SERIALIZATION.convertValue(document, HasMetadata.class));
      }
    }
    return objects;
  }

  static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
    List<T> found = all(objects, type);
    assertThat(found).as("objects of kind %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static Optional<GenericKubernetesResource> custom(List<HasMetadata> objects, String kind) {
    return objects.stream()
        .filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
        .map(GenericKubernetesResource.class::cast)
        .findFirst();
  }

  /**
   * Field names the typed model does not know, as paths such as {@code
   * Deployment/x0.spec.template.spec.containers[0].readinesProbe}. Custom resources are skipped:
   * fabric8 has no model for them here.
   */
  static List<String> unknownFields(List<HasMetadata> objects) {
    List<String> unknown = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (!(object instanceof GenericKubernetesResource)) {
        collectUnknown(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
      }
    }
    return unknown;
  }

  private static void collectUnknown(Object value, String path, List<String> unknown) {
    if (value instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        collectUnknown(item, path + "[" + i++ + "]", unknown);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> collectUnknown(item, path + "." + key, unknown));
      return;
    }
    if (value == null || !value.getClass().getPackageName().startsWith("io.fabric8.kubernetes")) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isPropertyGetter(getter)) {
        continue;
      }
      Object property = invoke(getter, value);
      if (getter.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) property).keySet().forEach(key -> unknown.add(path + "." + key));
      } else {
        collectUnknown(property, path + "." + propertyName(getter), unknown);
      }
    }
  }

  private static boolean isPropertyGetter(Method method) {
    return method.getParameterCount() == 0
        && !Modifier.isStatic(method.getModifiers())
        && method.getName().startsWith("get")
        && !method.getName().equals("getClass")
        && method.getDeclaringClass().getPackageName().startsWith("io.fabric8.kubernetes");
  }

  private static Object invoke(Method getter, Object target) {
    try {
      return getter.invoke(target);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(getter + " failed", e);
    }
  }

  private static String propertyName(Method getter) {
    String name = getter.getName().substring(3);
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /**
   * The pod of {@code deployment} runs as it must in production: non-root, read-only root file
   * system, no capabilities, probes on the plain-HTTP management port, the SPIFFE Workload API
   * socket from the CSI driver, a writable /tmp.
   */
  static void assertHardenedController(Deployment deployment) {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getContainers()).hasSize(1);
    Container container = pod.getContainers().get(0);
    var security = container.getSecurityContext();
    assertThat(security.getRunAsNonRoot()).isTrue();
    assertThat(security.getReadOnlyRootFilesystem()).isTrue();
    assertThat(security.getAllowPrivilegeEscalation()).isFalse();
    assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(security.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");

    assertThat(container.getPorts())
        .extracting(p -> p.getName() + "=" + p.getContainerPort())
        .containsExactlyInAnyOrder("api=8000", "management=9090");
    assertProbe(container.getStartupProbe(), "/health/liveness");
    assertProbe(container.getLivenessProbe(), "/health/liveness");
    assertProbe(container.getReadinessProbe(), "/health/readiness");

    assertThat(env(container, "SPRING_PROFILES_ACTIVE")).isEqualTo("prod");
    assertThat(env(container, "MTLS_ENABLED")).isEqualTo("true");
    assertThat(env(container, "SPIFFE_ENDPOINT_SOCKET"))
        .isEqualTo("unix:///spiffe-workload-api/spire-agent.sock");
    assertThat(env(container, "DATA_DIR")).isEqualTo("/data");
    Volume spiffe = volume(pod, "spiffe-workload-api");
    assertThat(spiffe.getCsi().getDriver()).isEqualTo("csi.spiffe.io");
    assertThat(spiffe.getCsi().getReadOnly()).isTrue();
    assertThat(mountPath(container, "spiffe-workload-api")).isEqualTo("/spiffe-workload-api");
    assertThat(volume(pod, "tmp").getEmptyDir()).isNotNull();
    assertThat(mountPath(container, "tmp")).isEqualTo("/tmp");
    assertThat(mountPath(container, "data")).isEqualTo("/data");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
  }

  /**
   * The Role grants exactly what the kubernetes action calls: get and delete pods, get and patch
   * deployments and statefulsets. Nothing else: no list, watch, create, secrets, or wildcards.
   */
  static void assertLeastPrivilege(Role role) {
    assertThat(role.getRules())
        .extracting(
            r ->
                String.join(",", r.getApiGroups())
                    + "|"
                    + String.join(",", r.getResources())
                    + "|"
                    + String.join(",", r.getVerbs()))
        .containsExactlyInAnyOrder("|pods|get,delete", "apps|deployments,statefulsets|get,patch");
  }

  private static void assertProbe(Probe probe, String path) {
    assertThat(probe).as("probe on %s", path).isNotNull();
    assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
    assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
    assertThat(probe.getHttpGet().getScheme()).isIn(null, "HTTP");
  }

  static String env(Container container, String name) {
    return container.getEnv().stream()
        .filter(e -> e.getName().equals(name))
        .findFirst()
        .map(e -> e.getValue())
        .orElse(null);
  }

  static Volume volume(PodSpec pod, String name) {
    return pod.getVolumes().stream()
        .filter(v -> v.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name));
  }

  static String mountPath(Container container, String volume) {
    return container.getVolumeMounts().stream()
        .filter(m -> m.getName().equals(volume))
        .findFirst()
        .map(m -> m.getMountPath())
        .orElse(null);
  }
}
