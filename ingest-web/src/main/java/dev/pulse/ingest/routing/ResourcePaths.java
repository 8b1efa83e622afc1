package dev.pulse.ingest.routing;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ResourcePaths is the table of the API's path templates and the methods each allows, read from the
 * {@code @Path} resource classes. It picks the template a request path selects the way JAX-RS does
 * (most literal characters first, then most template variables), so {@code GET
 * /api/v1/events/batch} selects {@code /api/v1/events/batch} (POST only) and not {@code
 * /api/v1/events/{id}}.
 */
public final class ResourcePaths {

  private static final Pattern VARIABLE =
      Pattern.compile("\\{\\s*([\\w.-]+)\\s*(?::\\s*([^}]*))?}");

  /**
   * One path template and the methods its resource methods declare; {@code segments} is its number
   * of path segments, or -1 when a variable's own regex may span several.
   */
  record Route(
      String template,
      Pattern regex,
      int literals,
      int variables,
      int segments,
      Set<String> methods) {}

  /** The routes a path of n segments may select, by n, in selection order (index 0: unused). */
  private final List<List<Route>> bySegments;

  private ResourcePaths(List<Route> routes) {
    int most = routes.stream().mapToInt(Route::segments).max().orElse(0);
    List<List<Route>> by = new ArrayList<>();
    for (int n = 0; n <= most; n++) {
      int count = n;
      by.add(routes.stream().filter(r -> r.segments() == count || r.segments() < 0).toList());
    }
    this.bySegments = List.copyOf(by);
  }

  /** The table of these resource classes (others are ignored). */
  public static ResourcePaths of(Collection<Class<?>> classes) {
    Map<String, Set<String>> byTemplate = new LinkedHashMap<>();
    for (Class<?> type : classes) {
      Path root = type.getAnnotation(Path.class);
      if (root == null) {
        continue;
      }
      for (Method m : type.getMethods()) {
        String verb = httpMethod(m);
        if (verb == null) {
          continue;
        }
        Path sub = m.getAnnotation(Path.class);
        String template = normalize(root.value() + "/" + (sub == null ? "" : sub.value()));
        byTemplate.computeIfAbsent(template, t -> new TreeSet<>()).add(verb);
      }
    }
    List<Route> routes = new ArrayList<>();
    byTemplate.forEach((template, methods) -> routes.add(route(template, methods)));
    routes.sort(
        Comparator.comparingInt(Route::literals).thenComparingInt(Route::variables).reversed());
    return new ResourcePaths(List.copyOf(routes));
  }

  /**
   * The methods the path allows when {@code method} is not among them; empty when the method is
   * allowed or no template selects the path (JAX-RS answers those itself).
   */
  public Optional<Set<String>> refusal(String method, String path) {
    String normalized = normalize(path);
    int segments = segments(normalized);
    if (segments >= bySegments.size()) {
      return Optional.empty();
    }
    for (Route r : bySegments.get(segments)) {
      if (r.regex().matcher(normalized).matches()) {
        Set<String> allowed = new TreeSet<>(r.methods());
        if (allowed.contains("GET")) {
          allowed.add("HEAD");
        }
        allowed.add("OPTIONS");
        return allowed.contains(method) ? Optional.empty() : Optional.of(allowed);
      }
    }
    return Optional.empty();
  }

  private static Route route(String template, Set<String> methods) {
    StringBuilder regex = new StringBuilder();
    Matcher v = VARIABLE.matcher(template);
    int last = 0;
    int variables = 0;
    int literals = 0;
    while (v.find()) {
      String literal = template.substring(last, v.start());
      regex
          .append(Pattern.quote(literal))
          .append('(')
          .append(v.group(2) == null ? "[^/]+" : v.group(2).trim())
          .append(')');
      literals += literal.length();
      variables++;
      last = v.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    literals += template.length() - last;
    boolean spans = false;
    Matcher custom = VARIABLE.matcher(template);
    while (custom.find()) {
      spans |= custom.group(2) != null;
    }
    return new Route(
        template,
        Pattern.compile(regex.toString()),
        literals,
        variables,
        spans ? -1 : segments(template),
        methods);
  }

  private static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
      if (verb != null) {
        return verb.value();
      }
    }
    return null;
  }

  /** One leading slash, no trailing or doubled ones. */
  static String normalize(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    if (p.contains("//")) {
      p = p.replaceAll("/+", "/");
    }
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** The number of segments of a normalized path ("/" has none). */
  private static int segments(String normalized) {
    int n = 0;
    for (int i = 0; i < normalized.length(); i++) {
      if (normalized.charAt(i) == '/' && i + 1 < normalized.length()) {
        n++;
      }
    }
    return n;
  }
}
