package dev.pulse.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The domain depends on plain Java, JPA and Bean Validation only (see the module's pom). */
class DomainPurityTest {

  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern IMPORT =
      Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+(?:\\.\\*)?)\\s*;", Pattern.MULTILINE);
  private static final List<String> ALLOWED =
      List.of("java.", "jakarta.persistence.", "jakarta.validation.", "dev.pulse.domain.");

  @Test
  void domainSourcesImportOnlyJavaJpaAndValidation() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertFalse(files.isEmpty(), "no Java sources under " + SOURCES.toAbsolutePath());

    List<String> violations = new ArrayList<>();
    for (Path file : files) {
      for (String imported : forbiddenImports(Files.readString(file))) {
        violations.add(SOURCES.relativize(file) + " imports " + imported);
      }
    }

    assertEquals(List.of(), violations);
  }

  @Test
  void flagsImportsOutsideTheAllowedPackages() {
    String source =
        """
        package dev.pulse.domain.event;

        import java.util.List;
        import jakarta.persistence.Entity;
        import jakarta.validation.constraints.NotNull;
        import dev.pulse.domain.event.FieldError;
        import static java.util.Objects.requireNonNull;
        import jakarta.json.JsonObject;
        import redis.clients.jedis.StreamEntryID;
        import static dev.pulse.worker.Worker.*;
        import javax.persistence.Id;
        import java.util.*;
        """;

    assertEquals(
        List.of(
            "jakarta.json.JsonObject",
            "redis.clients.jedis.StreamEntryID",
            "dev.pulse.worker.Worker.*",
            "javax.persistence.Id"),
        forbiddenImports(source));
  }

  @Test
  void doesNotTreatJakartaPersistenceLookalikesAsAllowed() {
    assertTrue(
        forbiddenImports("import jakarta.persistencex.Foo;").contains("jakarta.persistencex.Foo"));
  }

  private static List<String> forbiddenImports(String source) {
    List<String> forbidden = new ArrayList<>();
    Matcher m = IMPORT.matcher(source);
    while (m.find()) {
      String imported = m.group(1);
      if (ALLOWED.stream().noneMatch(imported::startsWith)) {
        forbidden.add(imported);
      }
    }
    return forbidden;
  }
}
