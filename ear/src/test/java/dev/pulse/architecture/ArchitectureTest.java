package dev.pulse.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of the whole EAR, over every module's classes at once (each module's own
 * tests see only its class path, so a rule there cannot see gateway-web using the worker, say):
 *
 * <ul>
 *   <li>the web modules use the domain and the worker's application tier, nothing else of the
 *       worker: no adapter, no Redis, no alerting or notification internals;
 *   <li>the worker's packages have no dependency cycle;
 *   <li>adapters of a domain port are named {@code <Tech><Port>} ({@code JpaEventRepository});
 *   <li>no {@code *Impl}, {@code *Util(s)} or {@code *Manager} grab-bags.
 * </ul>
 */
class ArchitectureTest {

  private static final String[] WEB = {"dev.pulse.ingest..", "dev.pulse.gateway.."};
  private static final String APPLICATION = "dev.pulse.worker.application..";
  private static final Pattern TECH = Pattern.compile("^(Jpa|Jdbc|Redis|Kafka|Smtp|Http)[A-Z].*");

  private static JavaClasses pulse;

  @BeforeAll
  static void importEveryModule() {
    Path root = Path.of(System.getProperty("pulse.root.dir", ".."));
    List<Path> modules =
        List.of("domain", "worker-ejb", "ingest-web", "gateway-web").stream()
            .map(m -> root.resolve(m).resolve("target/classes"))
            .toList();
    for (Path m : modules) {
      if (!Files.isDirectory(m)) {
        throw new IllegalStateException(m + " is missing: build the modules first");
      }
    }
    pulse = new ClassFileImporter().importPaths(modules);
  }

  @Test
  void theWebModulesUseOnlyTheDomainAndTheApplicationTier() {
    noClasses()
        .that()
        .resideInAnyPackage(WEB)
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.pulse.worker..").and(not(resideInAPackage(APPLICATION))))
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("redis.clients..", "org.hibernate..", "org.flywaydb..")
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.persistence.EntityManager")
        .because(
            "the web modules call use cases; persistence, Redis and pipelines are the worker's")
        .check(pulse);
  }

  @Test
  void theWorkersPackagesHaveNoCycle() {
    slices().matching("dev.pulse.worker.(*)..").should().beFreeOfCycles().check(pulse);
  }

  @Test
  void theModulesHaveNoCycle() {
    slices().matching("dev.pulse.(*)..").should().beFreeOfCycles().check(pulse);
  }

  @Test
  void adaptersOfADomainPortAreNamedTechThenPort() {
    classes()
        .that()
        .resideInAPackage("dev.pulse.worker..")
        .and()
        .areNotInterfaces()
        .should(beNamedTechThenPort())
        .check(pulse);
  }

  @Test
  void noGrabBagNames() {
    noClasses()
        .should()
        .haveSimpleNameEndingWith("Impl")
        .orShould()
        .haveSimpleNameEndingWith("Util")
        .orShould()
        .haveSimpleNameEndingWith("Utils")
        .orShould()
        .haveSimpleNameEndingWith("Manager")
        .check(pulse);
  }

  /** For each domain port a class implements: its name is a technology, then the port's name. */
  private static ArchCondition<JavaClass> beNamedTechThenPort() {
    return new ArchCondition<>("be named <Tech><Port> for each domain port they implement") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        for (JavaClass port : type.getRawInterfaces()) {
          if (!port.getPackageName().startsWith("dev.pulse.domain")) {
            continue;
          }
          String name = type.getSimpleName();
          boolean ok = TECH.matcher(name).matches() && name.endsWith(port.getSimpleName());
          if (!ok) {
            events.add(
                SimpleConditionEvent.violated(
                    type,
                    type.getName()
                        + " implements "
                        + port.getSimpleName()
                        + " but is not named "
                        + "<Jpa|Jdbc|Redis|Kafka|Smtp|Http>"
                        + port.getSimpleName()));
          }
        }
      }
    };
  }
}
