package dev.pulse.ingest.problem;

/** ProblemException ends a request with a problem response (and a Retry-After, when set). */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;
  private final Integer retryAfterSeconds;

  public ProblemException(Problem problem) {
    this(problem, null);
  }

  public ProblemException(Problem problem, Integer retryAfterSeconds) {
    super(problem.detail(), null, false, false);
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public Problem problem() {
    return problem;
  }

  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
