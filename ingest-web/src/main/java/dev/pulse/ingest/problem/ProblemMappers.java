package dev.pulse.ingest.problem;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

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

  /** A JDBC or JPA failure anywhere in the chain: PostgreSQL is down or overloaded, not a bug. */
  static boolean causedByDatabase(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.sql.SQLException
          || t instanceof jakarta.persistence.PersistenceException) {
        return true;
      }
    }
    return false;
  }

  static boolean causedByRedis(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof redis.clients.jedis.exceptions.JedisException) {
        return true;
      }
    }
    return false;
  }

  @Provider
  public static class ForAnythingElse implements ExceptionMapper<Exception> {
    private static final Logger LOG = System.getLogger(ForAnythingElse.class.getName());

    @Override
    public Response toResponse(Exception e) {
      if (causedByDatabase(e)) {
        LOG.log(Level.WARNING, "Database unavailable: {0}", e.toString());
        return ProblemResponses.of(
            Problem.unavailable("the database is unavailable; try again shortly"), 5);
      }
      if (causedByRedis(e)) {
        LOG.log(Level.WARNING, "Redis unavailable: {0}", e.toString());
        return ProblemResponses.of(
            Problem.unavailable("Redis is unavailable; try again shortly"), 5);
      }
      LOG.log(Level.ERROR, "Unexpected failure", e);
      return ProblemResponses.of(
          Problem.of(
              500,
              "internal",
              "Internal error",
              "an unexpected error occurred; it has been logged"),
          null);
    }
  }
}
