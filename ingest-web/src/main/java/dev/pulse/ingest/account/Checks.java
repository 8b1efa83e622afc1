package dev.pulse.ingest.account;

import dev.pulse.domain.event.FieldError;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks turns the domain's field rules ({@code AccountRules}) into one 400 that names every
 * violation, after Bean Validation has passed the request record.
 */
public final class Checks {

  private Checks() {}

  /** Throws the 400 listing every violation in {@code results}, if there is any. */
  @SafeVarargs
  public static void validate(String title, List<FieldError>... results) {
    List<Problem.Violation> errors =
        Stream.of(results).flatMap(List::stream).map(Problem.Violation::of).toList();
    if (!errors.isEmpty()) {
      throw new ProblemException(Problem.invalidRequest(title, errors));
    }
  }

  /** A body that is JSON {@code null} or absent. */
  public static <T> T present(T body) {
    if (body == null) {
      throw new ProblemException(
          Problem.invalidRequest(
              "Invalid request",
              List.of(new Problem.Violation(null, "$", "the body must be a JSON object"))));
    }
    return body;
  }
}
