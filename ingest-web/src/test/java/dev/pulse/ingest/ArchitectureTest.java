package dev.pulse.ingest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The web tier talks to the service tier through the domain's ports (repositories, EventLog,
 * RateLimiter) and its use cases, never to the adapters behind them: no {@code Jpa*} class, no
 * EntityManager, no Redis client, no stream internals. (Classifying a persistence exception into an
 * HTTP status is the web tier's job, so exception types are allowed.)
 */
@AnalyzeClasses(
    packages = {"dev.pulse.ingest", "dev.pulse.gateway"},
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule webUsesNoJpaAdapters =
      noClasses()
          .that()
          .resideInAnyPackage("dev.pulse.ingest..", "dev.pulse.gateway..")
          .should()
          .dependOnClassesThat()
          .haveSimpleNameStartingWith("Jpa")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("jakarta.persistence.EntityManager")
          .orShould()
          .dependOnClassesThat()
          .haveFullyQualifiedName("jakarta.persistence.PersistenceContext")
          .because("persistence is the service tier's; the web tier uses its ports");

  @ArchTest
  static final ArchRule webUsesNoRedisDirectly =
      noClasses()
          .that()
          .resideInAnyPackage("dev.pulse.ingest..", "dev.pulse.gateway..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "redis.clients..",
              "dev.pulse.worker.redis..",
              "dev.pulse.worker.stream..",
              "dev.pulse.worker.persistence..",
              "dev.pulse.worker.ratelimit..")
          .because("Redis and the stream are reached through EventLog and RateLimiter");
}
