package dev.pulse.ingest.api;

import dev.pulse.domain.event.EventRules;
import dev.pulse.domain.event.FieldError;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** QueryParams reads query parameters, answering a 400 that names the parameter when one is bad. */
public final class QueryParams {

  static final String TAG_PREFIX = "tag.";

  private QueryParams() {}

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  /** An RFC 3339 instant, null when absent. */
  public static Instant instant(String field, String value) {
    if (blankToNull(value) == null) {
      return null;
    }
    try {
      Instant at = OffsetDateTime.parse(value).toInstant();
      if (EventRules.isInRange(at)) {
        return at;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new ProblemException(
        Problem.invalidParameter(
            field, field + " must be an RFC 3339 date-time between years 1 and 9999"));
  }

  /** {@code tag.<key>=<value>} filters: every one must match. */
  static Map<String, String> tags(MultivaluedMap<String, String> query) {
    Map<String, String> tags = new LinkedHashMap<>();
    query.forEach(
        (name, values) -> {
          if (!name.startsWith(TAG_PREFIX)) {
            return;
          }
          String key = name.substring(TAG_PREFIX.length());
          if (values.size() != 1) {
            throw new ProblemException(Problem.invalidParameter(name, name + " may be given once"));
          }
          List<FieldError> broken = EventRules.checkTags(Map.of(key, values.get(0)));
          if (!broken.isEmpty()) {
            throw new ProblemException(Problem.invalidParameter(name, broken.get(0).message()));
          }
          tags.put(key, values.get(0));
        });
    return tags;
  }

  /** The project parameter, required. */
  static String project(String project, String example) {
    if (blankToNull(project) == null) {
      throw new ProblemException(
          Problem.invalidParameter("project", "project is required: " + example));
    }
    return project;
  }
}
