package dev.pulse.worker.notify;

import dev.pulse.domain.notify.GroupPlan;
import dev.pulse.worker.jdbc.Sql;
import dev.pulse.worker.metric.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * GroupFlush flushes one due notification group in one transaction: it locks the group's row
 * ({@code skip locked}), lets {@link GroupPlan} decide what to announce, queues that as one {@code
 * group} notification (listing at most {@link #MAX_LISTED} alerts), records what the group has
 * announced and forgets the resolved alerts it is done with — the whole group once it is empty.
 */
final class GroupFlush {

  static final int MAX_LISTED = 1000;

  private static final String MS = " * interval '1 millisecond'";
  private static final String MEMBER =
      "select 1 from notification_group_alerts m where m.channel_id = g.channel_id "
          + "and m.group_key = g.group_key";
  private static final String DUE =
      "select g.channel_id, g.group_key, g.project, g.group_labels::text, g.notified::text, "
          + "g.last_sent_at, coalesce(ch.repeat_interval_ms, 14400000) from notification_groups g "
          + "join channels ch on ch.id = g.channel_id where (g.last_flush_at is null and "
          + "g.created_at + coalesce(ch.group_wait_ms, 10000)"
          + MS
          + " <= ?) or (g.last_flush_at + coalesce(ch.group_interval_ms, 300000)"
          + MS
          + " <= ? and (not exists ("
          + MEMBER
          + ") or exists ("
          + MEMBER
          + " and (m.status = 'resolved' or g.notified -> m.alert_id::text is null)))) "
          + "or (g.last_sent_at + coalesce(ch.repeat_interval_ms, 14400000)"
          + MS
          + " <= ? and exists ("
          + MEMBER
          + " and m.status = 'firing')) limit 1 for update of g skip locked";

  private GroupFlush() {}

  /** Flushes one due group, if there is one; whether there was. */
  static boolean flushOne(DataSource db, Instant now) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        boolean flushed = flush(c, now);
        c.commit();
        return flushed;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("flush notification group: " + e.getMessage(), e);
    }
  }

  private static boolean flush(Connection c, Instant now) throws SQLException {
    UUID channel;
    String key;
    String project;
    String labels;
    Map<String, String> notified;
    Instant lastSentAt;
    Duration repeat;
    try (PreparedStatement ps = c.prepareStatement(DUE)) {
      Sql.bind(ps, now, now, now);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        channel = rs.getObject(1, UUID.class);
        key = rs.getString(2);
        project = rs.getString(3);
        labels = rs.getString(4);
        notified = Tags.parse(rs.getString(5));
        lastSentAt = Sql.instant(rs, 6);
        repeat = Duration.ofMillis(rs.getLong(7));
      }
    }
    Map<String, String> statuses = new LinkedHashMap<>();
    Map<String, String> payloads = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select alert_id::text, status, payload::text from notification_group_alerts "
                + "where channel_id = ? and group_key = ? order by changed_at, alert_id")) {
      Sql.bind(ps, channel, key);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          statuses.put(rs.getString(1), rs.getString(2));
          payloads.put(rs.getString(1), rs.getString(3));
        }
      }
    }
    GroupPlan plan = GroupPlan.of(statuses, notified, lastSentAt, now, repeat);
    if (plan.sends()) {
      enqueue(c, project, channel, labels, plan, payloads, now);
    }
    update(
        c,
        "update notification_groups set notified = cast(? as jsonb), last_flush_at = ?, "
            + "last_sent_at = coalesce(?, last_sent_at) where channel_id = ? and group_key = ?",
        Tags.json(plan.notified()),
        now,
        plan.sends() ? now : null,
        channel,
        key);
    if (!plan.dropped().isEmpty()) {
      update(
          c,
          "delete from notification_group_alerts where channel_id = ? and group_key = ? "
              + "and status = 'resolved' and alert_id = any(?)",
          channel,
          key,
          c.createArrayOf("uuid", plan.dropped().stream().map(UUID::fromString).toArray()));
    }
    if (plan.dropped().size() == statuses.size()) {
      update(
          c,
          "delete from notification_groups where channel_id = ? and group_key = ?",
          channel,
          key);
    }
    return true;
  }

  private static void enqueue(
      Connection c,
      String project,
      UUID channel,
      String labels,
      GroupPlan plan,
      Map<String, String> payloads,
      Instant now)
      throws SQLException {
    List<String> listed = new ArrayList<>();
    for (String alert : plan.send().keySet()) {
      if (listed.size() == MAX_LISTED) {
        break;
      }
      listed.add(payloads.get(alert));
    }
    String payload =
        "{\"group_labels\":"
            + labels
            + ",\"repeat\":"
            + plan.repeat()
            + ",\"truncated\":"
            + (plan.send().size() - listed.size())
            + ",\"alerts\":["
            + String.join(",", listed)
            + "]}";
    update(
        c,
        "insert into notifications (id, project, channel_id, kind, status, payload, admitted, "
            + "next_attempt_at, created_at) values (gen_random_uuid(), ?, ?, 'group', "
            + "'pending', cast(? as jsonb), true, ?, ?)",
        project,
        channel,
        payload,
        now,
        now);
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, params);
      ps.executeUpdate();
    }
  }
}
