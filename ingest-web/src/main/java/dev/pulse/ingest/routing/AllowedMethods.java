package dev.pulse.ingest.routing;

import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemResponses;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Set;

/**
 * AllowedMethods answers a method that the selected path does not allow with 405, {@code Allow} and
 * a problem, before JAX-RS matching can fall through to a path template that happens to match
 * ({@code GET /api/v1/events/batch} would otherwise reach {@code GET /api/v1/events/{id}} and be
 * told that "batch" is not a UUID).
 */
@Provider
@PreMatching
public class AllowedMethods implements ContainerRequestFilter {

  private volatile ResourcePaths paths;

  @Override
  public void filter(ContainerRequestContext request) {
    String method = request.getMethod();
    paths()
        .refusal(method, request.getUriInfo().getPath())
        .ifPresent(allowed -> request.abortWith(refusal(method, allowed)));
  }

  static Response refusal(String method, Set<String> allowed) {
    String list = String.join(", ", allowed);
    return Response.fromResponse(
            ProblemResponses.of(
                Problem.of(
                    405,
                    "method-not-allowed",
                    "Method not allowed",
                    method + " is not allowed here; allowed: " + list),
                null))
        .header("Allow", list)
        .build();
  }

  /** Read once, from the resource classes CDI knows (each resource is a request-scoped bean). */
  private ResourcePaths paths() {
    ResourcePaths p = paths;
    if (p == null) {
      List<Class<?>> resources =
          CDI.current().getBeanManager().getBeans(Object.class, Any.Literal.INSTANCE).stream()
              .map(Bean::getBeanClass)
              .filter(c -> c.isAnnotationPresent(Path.class))
              .<Class<?>>map(c -> c)
              .distinct()
              .toList();
      p = ResourcePaths.of(resources);
      paths = p;
    }
    return p;
  }
}
