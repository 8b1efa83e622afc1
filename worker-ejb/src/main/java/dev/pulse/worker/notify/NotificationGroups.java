package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Grouping;
import dev.pulse.worker.jdbc.Sql;
import dev.pulse.worker.metric.Tags;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * NotificationGroups keeps grouped channels' alerts in PostgreSQL. A transition writes the alert's
 * status into its group ({@link #add}, in the transition's transaction, locking only that alert's
 * row); once a second the dispatcher creates rows for new groups and flushes the due ones ({@link
 * GroupFlush}), each under its row lock with {@code skip locked}, so with two nodes each flush
 * happens once, and a group's message is an outbox notification committed with the group's new
 * state: a crash loses neither.
 */
@ApplicationScoped
public class NotificationGroups {

  /** Flushes per pass of the dispatcher's loop, at most. */
  static final int FLUSHES_PER_PASS = 50;

  private static final String GROUPED =
      "select ch.id, ch.group_by::text, a.project, a.labels::text, case when a.state = "
          + "'resolved' then 'resolved' else 'firing' end, "
          + Outbox.PAYLOAD
          + "::text from alerts a join channels ch on ch.project = a.project and ch.id = any(?) "
          + "where a.id = ? and ch.group_by is not null";

  private static final String UPSERT =
      "insert into notification_group_alerts (channel_id, group_key, alert_id, project, "
          + "group_labels, status, payload, changed_at) values (?, ?, ?, ?, cast(? as jsonb), ?, "
          + "cast(? as jsonb), ?) on conflict (channel_id, group_key, alert_id) do update set "
          + "status = excluded.status, payload = excluded.payload, changed_at = excluded.changed_at";

  // Ordered, so two nodes creating groups at once take their keys in the same order.
  private static final String CREATE =
      "insert into notification_groups (channel_id, group_key, project, group_labels, created_at) "
          + "select distinct on (m.channel_id, m.group_key) m.channel_id, m.group_key, m.project, "
          + "m.group_labels, m.changed_at from notification_group_alerts m where not exists "
          + "(select 1 from notification_groups g where g.channel_id = m.channel_id and "
          + "g.group_key = m.group_key) order by m.channel_id, m.group_key, m.changed_at "
          + "on conflict do nothing";

  @Resource(lookup = "jdbc/pulse", shareable = false)
  DataSource db;

  /** Puts the alert's current status into its group on each grouped channel among these. */
  void add(Connection c, UUID alert, List<UUID> channels, Instant now) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(GROUPED);
        PreparedStatement upsert = c.prepareStatement(UPSERT)) {
      Sql.bind(select, c.createArrayOf("uuid", channels.toArray()), alert);
      int rows = 0;
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          Grouping grouping =
              new Grouping(JdbcChannelRepository.strings(rs.getString(2)), null, null, null);
          String labels = Tags.json(grouping.groupLabels(Tags.parse(rs.getString(4))));
          Sql.bind(
              upsert,
              rs.getObject(1, UUID.class),
              key(labels),
              alert,
              rs.getString(3),
              labels,
              rs.getString(5),
              rs.getString(6),
              now);
          upsert.addBatch();
          rows++;
        }
      }
      if (rows > 0) {
        upsert.executeBatch();
      }
    }
  }

  /** Creates the new groups and flushes the due ones; how many were flushed. */
  int flushDue(Instant now) {
    Sql.update(db, CREATE);
    int flushed = 0;
    while (flushed < FLUSHES_PER_PASS && GroupFlush.flushOne(db, now)) {
      flushed++;
    }
    return flushed;
  }

  /** The key of a group: the SHA-256 of its labels' canonical JSON, in hex. */
  static String key(String labelsJson) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(labelsJson.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
