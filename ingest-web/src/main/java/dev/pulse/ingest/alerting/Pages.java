package dev.pulse.ingest.alerting;

import dev.pulse.domain.alert.AlertRepository;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import java.util.UUID;

/**
 * Pages reads the query parameters the alerting API's lists share (limit, cursor, ids, enumerated
 * filters), refusing a bad one with a 400 that names it and, for an enumerated one, its values.
 */
final class Pages {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private Pages() {}

  static int limit(Integer limit) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ProblemException(
          Problem.invalidParameter("limit", "limit must be between 1 and " + MAX_LIMIT));
    }
    return limit;
  }

  static String cursor(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      AlertRepository.Cursor.parse(cursor);
      return cursor;
    } catch (RuntimeException e) {
      throw new ProblemException(Problem.invalidParameter("cursor", "not a cursor of this list"));
    }
  }

  static UUID uuid(String value, String param) {
    if (value == null) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new ProblemException(Problem.invalidParameter(param, param + " must be a UUID"));
    }
  }

  /** An id in the path that is not a UUID names nothing: 404, like an unknown one. */
  static UUID pathId(String value, String what) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw notFound(what);
    }
  }

  static ProblemException notFound(String what) {
    return new ProblemException(Problem.notFound("no such " + what + " in this project"));
  }

  static String oneOf(String value, String param, java.util.Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw new ProblemException(
          Problem.invalidParameter(
              param, param + " must be one of " + new java.util.TreeSet<>(allowed)));
    }
    return value;
  }
}
