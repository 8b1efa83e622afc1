package dev.pulse.ingest.problem;

import dev.pulse.domain.tenancy.Refusal;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * ProblemMappers turn every exception that escapes a resource into a problem response: ours as they
 * are, the runtime's (404, 405, 415, ...) with their status, anything else as a logged 500.
 */
public final class ProblemMappers {

  private ProblemMappers() {}

  @Provider
  public static class ForProblems implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
      return ProblemResponses.of(e);
    }
  }

  @Provider
  public static class ForWebApplication implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      Problem problem;
      if (e instanceof NotSupportedException) {
        problem =
            Problem.of(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                "send the body as application/json");
      } else if (e instanceof NotFoundException) {
        problem = Problem.notFound("no such resource");
      } else if (e instanceof NotAllowedException) {
        problem =
            Problem.of(
                405,
                "method-not-allowed",
                "Method not allowed",
                "allowed: " + e.getResponse().getAllowedMethods());
      } else if (status == 400 && !Failures.classify(e).isDefect()) {
        problem = Failures.classify(e).problem(); // a body JSON-B could not read, say
      } else {
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        problem = Problem.of(status, "http-" + status, reason, reason);
      }
      Response.ResponseBuilder response = Response.fromResponse(ProblemResponses.of(problem, null));
      e.getResponse()
          .getHeaders()
          .forEach(
              (name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type")) {
                  values.forEach(v -> response.header(name, v));
                }
              });
      return response.build();
    }
  }

  @Provider
  public static class ForRefusals implements ExceptionMapper<Refusal> {
    @Override
    public Response toResponse(Refusal e) {
      return ProblemResponses.of(Refusals.problem(e), null);
    }
  }

  /** Bean Validation of request records: a 400 naming every invalid field by its JSON name. */
  @Provider
  public static class ForConstraintViolations
      implements ExceptionMapper<ConstraintViolationException> {
    @Override
    public Response toResponse(ConstraintViolationException e) {
      List<Problem.Violation> errors =
          e.getConstraintViolations().stream()
              .map(v -> new Problem.Violation(null, jsonName(v.getPropertyPath()), v.getMessage()))
              .sorted(Comparator.comparing(Problem.Violation::field))
              .toList();
      return ProblemResponses.of(Problem.invalidRequest("Invalid request", errors), null);
    }

    /** {@code register.body.currentPassword} → {@code current_password}; the body itself → $. */
    static String jsonName(Path path) {
      String last = null;
      for (Path.Node node : path) {
        if (node.getKind() == ElementKind.PROPERTY) {
          last = node.getName();
        }
      }
      if (last == null) {
        return "$";
      }
      return last.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Everything else: what {@link Failures} recognises (unreadable JSON, refused data, a dependency
   * down) gets its status; anything unrecognised is a defect, logged in full under an incident id
   * that the 500 response carries instead of a stack trace.
   */
  @Provider
  public static class ForAnythingElse implements ExceptionMapper<Exception> {
    private static final Logger LOG = System.getLogger(ForAnythingElse.class.getName());

    @Override
    public Response toResponse(Exception e) {
      Failures.Verdict verdict = Failures.classify(e);
      if (!verdict.isDefect()) {
        if (verdict.problem().status() >= 500) {
          LOG.log(Level.WARNING, "{0}: {1}", verdict.problem().detail(), e.toString());
        }
        return ProblemResponses.of(verdict.problem(), verdict.retryAfterSeconds());
      }
      String incident = UUID.randomUUID().toString();
      LOG.log(Level.ERROR, "Unexpected failure, incident " + incident, e);
      return ProblemResponses.of(Problem.internal(incident), null);
    }
  }
}
