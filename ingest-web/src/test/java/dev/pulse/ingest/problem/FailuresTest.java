package dev.pulse.ingest.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.tenancy.Refusal;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  /** How JPA, Hibernate and the EJB container wrap a JDBC failure. */
  private static RuntimeException wrapped(SQLException sql) {
    return new RuntimeException(
        "EJB", new PersistenceException("could not execute statement", sql));
  }

  @Test
  void uniqueViolationIsAConflictNamingTheColumn() {
    SQLException sql =
        new SQLException(
            "ERROR: duplicate key value violates unique constraint \"users_email_key\"\n"
                + "  Detail: Key (email)=(ada@example.com) already exists.",
            "23505");

    Failures.Verdict verdict = Failures.classify(wrapped(sql));

    assertEquals(409, verdict.problem().status());
    assertEquals("email", verdict.problem().errors().get(0).field());
    assertNull(verdict.retryAfterSeconds());
  }

  @Test
  void otherConstraintViolationsAreBadRequests() {
    Failures.Verdict verdict =
        Failures.classify(wrapped(new SQLException("violates check constraint", "23514")));

    assertEquals(400, verdict.problem().status());
  }

  @Test
  void connectionFailuresArePassingUnavailability() {
    Failures.Verdict refused =
        Failures.classify(wrapped(new SQLException("Connection refused", "08001")));
    Failures.Verdict poolTimeout =
        Failures.classify(wrapped(new SQLTransientConnectionException("J2CA0045E")));

    assertEquals(503, refused.problem().status());
    assertTrue(refused.retryAfterSeconds() > 0);
    assertEquals(503, poolTimeout.problem().status());
  }

  @Test
  void aQueryBugIsADefectNotAnOutage() {
    Failures.Verdict verdict =
        Failures.classify(wrapped(new SQLException("relation \"x\" does not exist", "42P01")));

    assertTrue(verdict.isDefect());
  }

  @Test
  void anythingUnrecognisedIsADefect() {
    assertTrue(Failures.classify(new IllegalStateException("bug")).isDefect());
    assertTrue(Failures.classify(new NullPointerException()).isDefect());
  }

  @Test
  void refusalsKeepTheirReason() {
    Failures.Verdict verdict =
        Failures.classify(new RuntimeException(Refusal.conflict("a project needs an owner")));

    assertEquals(409, verdict.problem().status());
    assertEquals("a project needs an owner", verdict.problem().detail());
  }

  @Test
  void tooDeeplyNestedJsonIsABadRequest() {
    Failures.Verdict verdict =
        Failures.classify(
            new RuntimeException(
                "wrapped", new RuntimeException("Input is too deeply nested 1,000")));

    assertEquals(400, verdict.problem().status());
    assertEquals("urn:pulse:problem:malformed-json", verdict.problem().type());
  }

  @Test
  void readsTheFirstColumnOfACompositeKey() {
    assertEquals("project", Failures.field("Key (project, id)=(a, b) already exists."));
    assertEquals("email", Failures.field("Key (lower(email))=(x) already exists."));
    assertNull(Failures.field("no detail"));
  }
}
