package dev.pulse.ingest.problem;

import dev.pulse.domain.tenancy.Refusal;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.QueryTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failures classifies an exception that escaped a resource into what the client should hear:
 * invalid input (400), a conflict with stored data (409), a dependency that is down or saturated
 * (503, retry), or a defect (500, logged under an incident id). Only the cause chain is read; the
 * response never carries a stack trace.
 */
final class Failures {

  /** What an exception means for the client; {@code problem} is null for a defect (500). */
  record Verdict(Problem problem, Integer retryAfterSeconds) {
    boolean isDefect() {
      return problem == null;
    }
  }

  private static final Verdict DEFECT = new Verdict(null, null);

  /**
   * PostgreSQL names the offending column in the detail: {@code Key (email)=(a@b.c) already
   * exists}.
   */
  private static final Pattern KEY_COLUMNS = Pattern.compile("Key \\((.+?)\\)=\\(");

  private Failures() {}

  static Verdict classify(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ProblemException p) {
        return new Verdict(p.problem(), p.retryAfterSeconds());
      }
      if (t instanceof Refusal r) {
        return new Verdict(Refusals.problem(r), null);
      }
      if (t instanceof SQLException sql) {
        Verdict v = ofSql(sql);
        if (v != null) {
          return v;
        }
      }
      if (t instanceof QueryTimeoutException || t instanceof LockTimeoutException) {
        return databaseBusy();
      }
      if (JsonInput.isMalformed(t)) {
        return new Verdict(JsonInput.problem(t), null);
      }
      if (isRedisFailure(t)) {
        return new Verdict(Problem.unavailable("Redis is unavailable; try again shortly"), 5);
      }
    }
    return DEFECT;
  }

  /** The verdict for a SQL failure, or null to keep looking down the chain. */
  private static Verdict ofSql(SQLException sql) {
    String state = sql.getSQLState();
    if (sql instanceof SQLTransientException) {
      // Pool wait timeouts (J2CA0045E), transient connection loss, serialization failures.
      return databaseBusy();
    }
    if (state == null || state.length() < 2) {
      return null;
    }
    String sqlClass = state.substring(0, 2);
    return switch (sqlClass) {
      case "08" ->
          new Verdict(Problem.unavailable("the database is unavailable; try again shortly"), 5);
      case "40", "53", "55", "57" -> databaseBusy(); // rollback, resources, lock, shutdown
      case "23" -> constraint(state, sql.getMessage());
      case "22" ->
          new Verdict(
              Problem.badRequest(
                  "invalid-value",
                  "Invalid value",
                  "a value is malformed or out of range for what Pulse stores"),
              null);
      default -> null;
    };
  }

  private static Verdict constraint(String state, String message) {
    String field = field(message);
    if ("23505".equals(state)) {
      String what = field == null ? "a value" : field;
      return new Verdict(
          new Problem(
              "urn:pulse:problem:conflict",
              "Conflict",
              409,
              what + " is already taken",
              field == null
                  ? null
                  : List.of(new Problem.Violation(null, field, field + " is taken"))),
          null);
    }
    if ("23503".equals(state)) {
      return new Verdict(
          Problem.conflict("the request refers to something that was deleted meanwhile"), null);
    }
    String detail = field == null ? "a value breaks a rule of the data" : field + " is invalid";
    return new Verdict(
        new Problem(
            "urn:pulse:problem:invalid-request",
            "Invalid request",
            400,
            detail,
            field == null ? null : List.of(new Problem.Violation(null, field, detail))),
        null);
  }

  /** The column PostgreSQL's message names, if any (the first of several). */
  static String field(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = KEY_COLUMNS.matcher(message);
    if (!m.find()) {
      return null;
    }
    String columns = m.group(1);
    int comma = columns.indexOf(',');
    String first = (comma < 0 ? columns : columns.substring(0, comma)).trim();
    // An expression index names its expression: lower(email) is still the email.
    Matcher inner = Pattern.compile("\\(([a-z_]+)\\)").matcher(first);
    return inner.find() ? inner.group(1) : first;
  }

  /**
   * A failure of the Redis client, recognised by name: the web tier does not link against Jedis.
   * Every one means Redis is down, saturated or out of memory for now.
   */
  private static boolean isRedisFailure(Throwable t) {
    return t.getClass().getName().startsWith("redis.clients.jedis.exceptions.");
  }

  private static Verdict databaseBusy() {
    return new Verdict(
        Problem.unavailable("the database is busy or unreachable; try again shortly"), 2);
  }
}
