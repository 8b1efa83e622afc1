package it.dev.pulse.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.dev.pulse.support.Database;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Retention removes exactly the events that occurred before now minus the retention period: the
 * test server keeps {@link PulseServer#RETENTION_DAYS} days and runs retention every 2 s. Rows are
 * written straight to the table, dated relative to now, a day either side of the cut-off.
 */
@ExtendWith(PulseServer.class)
class RetentionIT {

  @Test
  void removesWhatIsOlderThanTheRetentionAndKeepsTheRest() throws SQLException {
    Instant cutoff = Instant.now().minus(Duration.ofDays(PulseServer.RETENTION_DAYS));
    String here = "retention-" + UUID.randomUUID().toString().substring(0, 8);
    String there = here + "-other";
    UUID shared = UUID.randomUUID(); // the same id in two projects: only the old copy goes
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    insert(here, shared, cutoff.minus(Duration.ofDays(1)));
    insert(here, old, cutoff.minus(Duration.ofDays(400)));
    insert(there, shared, cutoff.plus(Duration.ofDays(1)));
    insert(here, recent, cutoff.plus(Duration.ofDays(1)));

    Poll.until(
        Duration.ofSeconds(30), "old events removed", () -> Database.countEventsOf(here) == 1);

    assertEquals(1, count(here, recent), "the recent event stays");
    assertEquals(1, count(there, shared), "the other project's copy of the id stays");
    assertEquals(0, count(here, old));
    assertEquals(0, count(here, shared));
  }

  private static void insert(String project, UUID id, Instant occurredAt) throws SQLException {
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement(
                "insert into events (id, project, type, source, occurred_at, received_at) "
                    + "values (?, ?, 'retention', 'it', ?, now())")) {
      st.setObject(1, id);
      st.setString(2, project);
      st.setTimestamp(3, Timestamp.from(occurredAt));
      st.executeUpdate();
    }
  }

  private static long count(String project, UUID id) throws SQLException {
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement("select count(*) from events where project = ? and id = ?")) {
      st.setString(1, project);
      st.setObject(2, id);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
