package dev.pulse.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The domain depends on plain Java, JPA and Bean Validation only: no container (CDI, EJB, JAX-RS,
 * Servlet, JSON-B), Redis or Kafka type, however it is referenced (imports, fully qualified names,
 * annotations, signatures).
 */
@AnalyzeClasses(packages = "dev.pulse.domain", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainArchitectureTest {

  @ArchTest
  static final ArchRule domainUsesOnlyJavaJpaAndValidation =
      classes()
          .that()
          .resideInAPackage("dev.pulse.domain..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..", "jakarta.persistence..", "jakarta.validation..", "dev.pulse.domain..")
          .because("the domain must stay free of container, Redis and Kafka types");
}
