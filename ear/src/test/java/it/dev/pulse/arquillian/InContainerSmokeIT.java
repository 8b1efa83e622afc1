package it.dev.pulse.arquillian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.event.Event;
import dev.pulse.domain.event.EventRepository;
import dev.pulse.worker.persistence.EventSink;
import dev.pulse.worker.persistence.SchemaMigration;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside the {@code pulsearquillian} Liberty server against the PostgreSQL of {@code ./pulse
 * test}: the worker's {@code JpaEventRepository} (EJB, JPA through Hibernate, JTA) in real
 * transactions. Every test uses its own project, so rows of other tests or of server "pulse" never
 * count.
 */
@ExtendWith(ArquillianExtension.class)
class InContainerSmokeIT {

  /** A day ago, whole seconds: dated relative to now, so no retention run can age it out. */
  private static final String OCCURRED =
      Instant.now()
          .minus(java.time.Duration.ofDays(1))
          .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
          .toString();

  @Deployment
  static WebArchive deployment() {
    return PulseArchives.persistence("in-container-smoke").addClass(EventRows.class);
  }

  @Inject SchemaMigration schema;
  @Inject EventSink sink;
  @Inject EventRepository events;
  @Inject EventRows rows;
  @Inject UserTransaction tx;

  /** Flyway, as the worker runs it at start-up: the test may be the first to use this database. */
  private void migrated() {
    if (!schema.isApplied()) {
      schema.migrate();
    }
  }

  @Test
  void runsOnTheTestDatabaseWithHibernateAndTheFlywaySchema() throws Exception {
    migrated();
    String url = rows.databaseUrl();
    assertTrue(url.startsWith(System.getenv("PULSE_DB_URL")), "jdbc/pulse is " + url);
    assertTrue(
        rows.sessionClass().startsWith("org.hibernate."),
        "EntityManager is " + rows.sessionClass());
    // Every shipped migration is applied (nothing pending), and the newest includes alerting (V5).
    assertTrue(schema.isApplied(), "Flyway reports pending migrations");
    assertTrue(
        Integer.parseInt(rows.schemaVersion()) >= 5, "schema version " + rows.schemaVersion());
  }

  @Test
  void insertSeenInsideTheTransactionIsGoneAfterRollback() throws Exception {
    migrated();
    String project = project();
    UUID id = UUID.randomUUID();

    tx.begin();
    try {
      assertEquals(1, sink.insert(List.of(eventJson(project, id, OCCURRED))));
      assertEquals(1, rows.countOf(project), "visible to the same transaction");
      List<Event> found = events.findAll(id);
      assertEquals(1, found.size());
      assertEquals("arquillian.smoke", found.get(0).getType());
    } finally {
      tx.rollback();
    }

    assertEquals(0, rows.countOf(project));
    assertTrue(events.findAll(id).isEmpty());
  }

  @Test
  void committedInsertIsStoredOnceAndARedeliveryStoresNothing() {
    migrated();
    String project = project();
    UUID id = UUID.randomUUID();
    String json = eventJson(project, id, OCCURRED);
    try {
      assertEquals(1, sink.insert(List.of(json)), "its own container transaction, committed");
      assertEquals(0, sink.insert(List.of(json)), "the same event again");
      assertEquals(1, rows.countOf(project));
      Event stored = events.findAll(id).get(0);
      assertEquals(Instant.parse(OCCURRED), stored.getOccurredAt());
    } finally {
      rows.deleteAllOf(project);
    }
  }

  @Test
  void refusedDataMarksTheCallersTransactionForRollback() throws Exception {
    migrated();
    String project = project();

    tx.begin();
    try {
      assertEquals(1, sink.insert(List.of(eventJson(project, UUID.randomUUID(), OCCURRED))));
      // PostgreSQL rejects the timestamp (SQLState 22007): EventSink.Refused, an application
      // exception with rollback = true, so the whole transaction is condemned.
      assertThrows(
          EventSink.Refused.class,
          () -> sink.insert(List.of(eventJson(project, UUID.randomUUID(), "not-a-time"))));
      assertEquals(Status.STATUS_MARKED_ROLLBACK, tx.getStatus());
    } finally {
      tx.rollback();
    }

    assertEquals(0, rows.countOf(project), "the first, valid insert went with it");
  }

  private static String project() {
    return "arq-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** One event as the stream carries it (canonical JSON, the shape EventSink.insert takes). */
  private static String eventJson(String project, UUID id, String occurredAt) {
    return "{\"id\":\""
        + id
        + "\",\"project\":\""
        + project
        + "\",\"type\":\"arquillian.smoke\",\"source\":\"InContainerSmokeIT\",\"occurred_at\":\""
        + occurredAt
        + "\",\"received_at\":\""
        + OCCURRED
        + "\",\"value\":1.5,\"tags\":{\"t\":\"x\"},"
        + "\"payload\":{\"ok\":true}}";
  }
}
