package dev.pulse.worker.notify;

import dev.pulse.worker.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Outbox writes notifications in the transaction of the transition that causes them, one per
 * channel, with a snapshot of the alert as the payload: if the transition commits, the notification
 * exists and will be delivered; if it rolls back, neither happened. Silenced ones are recorded and
 * never sent. A grouped channel gets the alert's status in its group (NotificationGroups) instead.
 */
@ApplicationScoped
public class Outbox {

  /** The snapshot of alert {@code a} that notifications carry. */
  static final String PAYLOAD =
      "jsonb_build_object('status', case when a.state = 'resolved' then 'resolved' "
          + "else 'firing' end, 'labels', a.labels, 'annotations', a.annotations, "
          + "'startsAt', coalesce(a.fired_at, a.started_at), 'endsAt', a.resolved_at, "
          + "'fingerprint', a.fingerprint, 'alert_id', a.id, 'value', a.value)";

  private static final String ENQUEUE =
      "insert into notifications (id, project, alert_id, rule_id, channel_id, kind, status, "
          + "payload, next_attempt_at, created_at) "
          + "select gen_random_uuid(), a.project, a.id, a.rule_id, ch.id, ?, ?, "
          + PAYLOAD
          + ", case when ? = 'pending' then ? end, ? "
          + "from alerts a join channels ch on ch.project = a.project and ch.id = any(?) "
          + "where a.id = ?";

  @Inject Dispatcher dispatcher;
  @Inject NotificationGroups groups;

  /**
   * Queues {@code kind} notifications of the alert to each of the channels that still exist; for
   * grouped channels, the alert's new status joins its group instead. Silenced ones are recorded
   * for every channel.
   */
  public void enqueue(Connection c, UUID alert, List<UUID> channels, String kind, boolean silenced)
      throws SQLException {
    String status = silenced ? "silenced" : "pending";
    Instant now = Instant.now();
    if (!silenced) {
      groups.add(c, alert, channels, now);
    }
    String sql = silenced ? ENQUEUE : ENQUEUE + " and ch.group_by is null";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(
          ps, kind, status, status, now, now, c.createArrayOf("uuid", channels.toArray()), alert);
      if (ps.executeUpdate() > 0 && !silenced) {
        dispatcher.wakeAfterCommit();
      }
    }
  }
}
