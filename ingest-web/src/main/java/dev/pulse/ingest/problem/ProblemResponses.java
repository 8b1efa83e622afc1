package dev.pulse.ingest.problem;

import jakarta.ws.rs.core.Response;

/** ProblemResponses builds the HTTP response for a problem. */
public final class ProblemResponses {

  private ProblemResponses() {}

  public static Response of(Problem problem, Integer retryAfterSeconds) {
    Response.ResponseBuilder response =
        Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    if (retryAfterSeconds != null) {
      response.header("Retry-After", retryAfterSeconds);
    }
    if (problem.status() == 401) {
      response.header("WWW-Authenticate", "Bearer realm=\"pulse\"");
    }
    return response.build();
  }

  public static Response of(ProblemException e) {
    return of(e.problem(), e.retryAfterSeconds());
  }
}
