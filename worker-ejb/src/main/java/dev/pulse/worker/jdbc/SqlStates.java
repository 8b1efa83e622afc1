package dev.pulse.worker.jdbc;

import java.sql.SQLException;
import java.util.Optional;

/**
 * SqlStates says what PostgreSQL's SQLState codes mean to Pulse: the data itself was refused (class
 * 22 "data exception", 23 "integrity constraint violation"), which no retry can fix, or a unique
 * key was taken (23505).
 */
public final class SqlStates {

  public static final String UNIQUE_VIOLATION = "23505";

  private SqlStates() {}

  /** Whether the state says the data itself was refused (a retry would fail the same way). */
  public static boolean isDataRefused(String state) {
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  public static boolean isUniqueViolation(String state) {
    return UNIQUE_VIOLATION.equals(state);
  }

  /** The first SQLException among {@code e} and its causes. */
  public static Optional<SQLException> sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
