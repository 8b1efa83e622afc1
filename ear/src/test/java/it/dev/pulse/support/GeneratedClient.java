package it.dev.pulse.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * GeneratedClient makes a Java client from an OpenAPI document the way a user of the API would: it
 * downloads the document, runs openapi-generator's {@code validate} and {@code generate -g java
 * --library native} in a child JVM, compiles the generated sources together with scenario sources
 * (test resources written against the generated API) and loads the result in its own class loader.
 *
 * <p>The generator is the CLI jar the build copies to {@code target/tools} (system property {@value
 * #GENERATOR_JAR}); everything is written to a fresh directory under {@code target/openapi-client}.
 */
public final class GeneratedClient implements AutoCloseable {

  /** The system property naming the openapi-generator-cli jar (set by failsafe). */
  public static final String GENERATOR_JAR = "pulse.openapi.generator.jar";

  /** The packages of the generated client: invoker, {@code .api} and {@code .model}. */
  public static final String PACKAGE = "dev.pulse.client";

  /**
   * Generator options. The native library needs java.net.http and Jackson only; no
   * jackson-databind-nullable, no Swagger annotations, jakarta.* rather than javax.*.
   */
  private static final String OPTIONS =
      String.join(
          ",",
          "openApiNullable=false",
          "useJakartaEe=true",
          "annotationLibrary=none",
          "hideGenerationTimestamp=true",
          "sourceFolder=src",
          "dateLibrary=java8");

  private static final Duration GENERATOR_TIMEOUT = Duration.ofMinutes(3);

  private final Path dir;
  private final URLClassLoader loader;

  private GeneratedClient(Path dir, URLClassLoader loader) {
    this.dir = dir;
    this.loader = loader;
  }

  /**
   * Fetches the document at {@code specUri} as JSON, validates it (failing with the validator's
   * report), generates the client and compiles it with the given scenario sources, which are test
   * class path resources such as {@code openapi-client/ClientScenario.java}.
   */
  public static GeneratedClient build(URI specUri, String... scenarioResources) {
    Path jar = generatorJar();
    try {
      Path root = jar.toAbsolutePath().getParent().getParent().resolve("openapi-client");
      Files.createDirectories(root);
      Path dir = Files.createTempDirectory(root, "run-");
      List<Path> scenarios = new ArrayList<>();
      Path scenarioDir = Files.createDirectories(dir.resolve("scenario"));
      for (String resource : scenarioResources) {
        scenarios.add(copyResource(resource, scenarioDir));
      }
      Path spec = fetch(specUri, dir.resolve("openapi.json"));

      runGenerator(jar, dir, "validate", List.of("validate", "-i", spec.toString()));
      Path out = dir.resolve("generated");
      runGenerator(
          jar,
          dir,
          "generate",
          List.of(
              "generate",
              "-i",
              spec.toString(),
              "-g",
              "java",
              "--library",
              "native",
              "-o",
              out.toString(),
              "--package-name",
              PACKAGE,
              "--invoker-package",
              PACKAGE,
              "--api-package",
              PACKAGE + ".api",
              "--model-package",
              PACKAGE + ".model",
              "--additional-properties",
              OPTIONS,
              "--global-property",
              "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false"));

      List<Path> sources = new ArrayList<>();
      try (Stream<Path> files = Files.walk(out.resolve("src"))) {
        files.filter(f -> f.toString().endsWith(".java")).forEach(sources::add);
      }
      if (sources.isEmpty()) {
        throw new AssertionError("openapi-generator wrote no Java sources to " + out);
      }
      sources.addAll(scenarios);
      Path classes = Files.createDirectories(dir.resolve("classes"));
      compile(sources, classes, dir);
      URLClassLoader loader =
          new URLClassLoader(
              "generated-client",
              new URL[] {classes.toUri().toURL()},
              GeneratedClient.class.getClassLoader());
      return new GeneratedClient(dir, loader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Where the document, the generator's logs, the generated sources and classes are. */
  public Path dir() {
    return dir;
  }

  public Class<?> load(String className) {
    try {
      return Class.forName(className, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(className + " was not generated or compiled (see " + dir + ")", e);
    }
  }

  /**
   * Calls the public static method {@code method} of {@code className}; what it throws is thrown as
   * is (wrapped only if checked).
   */
  public Object callStatic(String className, String method, Object... args) {
    Method target =
        Arrays.stream(load(className).getMethods())
            .filter(m -> m.getName().equals(method) && m.getParameterCount() == args.length)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no method " + className + "." + method));
    try {
      return target.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AssertionError(className + "." + method + " failed: " + cause, cause);
    }
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }

  private static Path generatorJar() {
    String property = System.getProperty(GENERATOR_JAR);
    if (property == null || property.isBlank()) {
      throw new IllegalStateException(
          GENERATOR_JAR + " is not set: run the integration tests with ./pulse test");
    }
    Path jar = Path.of(property);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no openapi-generator-cli jar at " + jar + " (maven-dependency-plugin copies it)");
    }
    return jar;
  }

  /** Saves the document as JSON: Liberty answers YAML unless asked for JSON. */
  private static Path fetch(URI specUri, Path file) throws IOException {
    URI json = URI.create(specUri + (specUri.getRawQuery() == null ? "?" : "&") + "format=JSON");
    HttpResponse<String> response =
        Api.send(
            HttpRequest.newBuilder(json)
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .GET()
                .build());
    String body = response.body();
    if (response.statusCode() != 200 || !body.stripLeading().startsWith("{")) {
      throw new AssertionError(
          "GET " + json + " answered " + response.statusCode() + ", not a JSON document:\n" + body);
    }
    return Files.writeString(file, body, StandardCharsets.UTF_8);
  }

  /** Runs the generator in a child JVM; fails with its output unless it exits 0 in time. */
  private static void runGenerator(Path jar, Path dir, String name, List<String> args)
      throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
    command.addAll(args);
    Path log = dir.resolve(name + ".log");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean exited;
    try {
      exited = process.waitFor(GENERATOR_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running openapi-generator " + name, e);
    }
    if (!exited) {
      process.destroyForcibly();
    }
    if (!exited || process.exitValue() != 0) {
      throw new AssertionError(
          "openapi-generator "
              + name
              + (exited
                  ? " exited " + process.exitValue()
                  : " timed out after " + GENERATOR_TIMEOUT)
              + "\n$ "
              + String.join(" ", command)
              + "\n"
              + Files.readString(log, StandardCharsets.UTF_8));
    }
  }

  private static Path copyResource(String resource, Path dir) throws IOException {
    try (InputStream in = GeneratedClient.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      Path file = dir.resolve(Path.of(resource).getFileName().toString());
      Files.write(file, in.readAllBytes());
      return file;
    }
  }

  /** Compiles against the test class path: the client's Jackson and the IT support classes. */
  private static void compile(List<Path> sources, Path classes, Path dir) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no Java compiler: run the tests with a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      List<String> options =
          List.of(
              "-classpath",
              testClassPath(),
              "-d",
              classes.toString(),
              "--release",
              "17",
              "-encoding",
              "UTF-8",
              "-proc:none",
              "-nowarn");
      boolean ok =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  options,
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      if (!ok) {
        throw new AssertionError(
            "the generated client (or a scenario) does not compile; sources in "
                + dir
                + "\n"
                + diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.toString())
                    .collect(Collectors.joining("\n")));
      }
    }
  }

  /**
   * The test class path. Surefire and failsafe may start the test JVM with a manifest-only jar;
   * they then publish the real class path as {@code surefire.test.class.path}.
   */
  private static String testClassPath() {
    String classPath = System.getProperty("surefire.test.class.path");
    if (classPath == null || classPath.isBlank()) {
      classPath = System.getProperty("java.class.path");
    }
    return Arrays.stream(classPath.split(File.pathSeparator))
        .filter(entry -> !entry.isBlank() && Files.exists(Path.of(entry)))
        .collect(Collectors.joining(File.pathSeparator));
  }
}
