package dev.pulse.ingest.problem;

import dev.pulse.domain.tenancy.Refusal;
import java.util.List;

/** Refusals maps a use case's {@link Refusal} to its problem: one status per reason. */
public final class Refusals {

  private Refusals() {}

  public static Problem problem(Refusal r) {
    return switch (r.reason()) {
      case UNAUTHENTICATED -> Problem.unauthorized(r.getMessage());
      case NOT_FOUND -> Problem.notFound(r.getMessage());
      case FORBIDDEN -> Problem.forbidden(r.getMessage());
      case CONFLICT ->
          r.errors().isEmpty()
              ? Problem.conflict(r.getMessage())
              : new Problem(
                  "urn:pulse:problem:conflict",
                  "Conflict",
                  409,
                  r.getMessage(),
                  r.errors().stream().map(Problem.Violation::of).toList());
      case INVALID ->
          Problem.invalidRequest(
              "Invalid request",
              r.errors().isEmpty()
                  ? List.of(new Problem.Violation(null, "$", r.getMessage()))
                  : r.errors().stream().map(Problem.Violation::of).toList());
    };
  }
}
