package io.x0tta6bl4;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md and STYLE.md, checked on the compiled main classes. */
class ArchitectureTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.x0tta6bl4");

  /** Properties records (and their nested records) and configuration classes are Spring's side. */
  private static final DescribedPredicate<JavaClass> SPRING_BINDING =
      DescribedPredicate.describe(
          "properties or configuration classes",
          type -> type.getName().matches(".*\\.\\w+(Properties|Configuration)(\\$.*)?"));

  @Test
  void decisionLogicImportsNoFrameworkTypes() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.x0tta6bl4.mapek", "io.x0tta6bl4.mapek.analyze..", "io.x0tta6bl4.mapek.plan..")
        .and(not(SPRING_BINDING))
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "io.micrometer..")
        .because("the loop, the Analyzer and the Planner are plain Java, built and tested with new")
        .check(MAIN);
  }

  @Test
  void phasesDoNotCallEachOther() {
    slices()
        .matching("io.x0tta6bl4.mapek.(*)..")
        .should()
        .notDependOnEachOther()
        .because("phases exchange records through the loop and Knowledge, never direct calls")
        .check(MAIN);
  }

  @Test
  void theLoopDoesNotDependOnItsAdaptersOrTheEdges() {
    noClasses()
        .that()
        .resideInAPackage("io.x0tta6bl4.mapek..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.x0tta6bl4.api..", "io.x0tta6bl4.security..", "io.x0tta6bl4.observability..")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAPackage("io.x0tta6bl4.mapek")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.x0tta6bl4.mapek.(*)..")
        .because("the records and phase contracts are the bottom layer")
        .check(MAIN);
  }

  @Test
  void topLevelPackagesAreFreeOfCycles() {
    slices().matching("io.x0tta6bl4.(*)..").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void onlyObservabilityUsesOpenTelemetry() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.x0tta6bl4.observability..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.opentelemetry..")
        .because("the loop and its adapters trace through the Tracing port")
        .check(MAIN);
  }

  @Test
  void onlyTheKubernetesActuatorUsesTheKubernetesClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.x0tta6bl4.mapek.execute.kubernetes..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.fabric8..")
        .allowEmptyShould(true)
        .check(MAIN);
  }
}
