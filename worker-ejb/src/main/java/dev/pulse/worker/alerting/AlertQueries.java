package dev.pulse.worker.alerting;

import dev.pulse.worker.persistence.Sql;
import jakarta.annotation.Resource;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * AlertQueries reads alerts, their history and notifications for the API, newest first with keyset
 * paging, each row rendered as its JSON view by PostgreSQL. Acknowledgement lives here too: it is a
 * note on the alert, not a transition of its state.
 */
@Stateless
@LocalBean
public class AlertQueries {

  /** A page of JSON items and the cursor of the next page (null at the end). */
  public record Page(List<String> items, String nextCursor) {}

  /** One alert as the API shows it, a JSON text built by PostgreSQL. */
  static final String ALERT =
      "jsonb_build_object('id', id, 'project', project, 'fingerprint', fingerprint, 'rule_id', "
          + "rule_id, 'state', state, 'severity', severity, 'labels', labels, 'annotations', "
          + "annotations, 'value', value, 'threshold', threshold, 'started_at', "
          + ts("started_at")
          + ", 'fired_at', "
          + ts("fired_at")
          + ", 'last_seen_at', "
          + ts("last_seen_at")
          + ", 'resolved_at', "
          + ts("resolved_at")
          + ", 'occurrences', occurrences, 'silenced', silenced, 'flapping', flapping, "
          + "'acknowledged_by', acknowledged_by, 'acknowledged_at', "
          + ts("acknowledged_at")
          + ")::text";

  private static final String NOTIFICATION =
      "jsonb_build_object('id', id, 'alert_id', alert_id, 'rule_id', rule_id, 'channel_id', "
          + "channel_id, 'kind', kind, 'status', status, 'attempts', attempts, 'created_at', "
          + ts("created_at")
          + ", 'sent_at', "
          + ts("sent_at")
          + ", 'digest_id', digest_id, 'fallback_of', fallback_of)::text";

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Inject AlertFeed feed;

  static String ts(String column) {
    return "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
  }

  public Page alerts(
      String project,
      String state,
      UUID rule,
      String severity,
      Instant from,
      Instant to,
      int limit,
      String cursor) {
    Filter f = new Filter("project = ?", project);
    f.and("state = ?", state).and("rule_id = ?", rule).and("severity = ?", severity);
    f.and("started_at >= ?", from).and("started_at < ?", to);
    return page("alerts", ALERT, "started_at", f, limit, cursor);
  }

  public Page notifications(
      String project, UUID alert, UUID channel, String status, int limit, String cursor) {
    Filter f = new Filter("project = ?", project);
    f.and("alert_id = ?", alert).and("channel_id = ?", channel).and("status = ?", status);
    return page("notifications", NOTIFICATION, "created_at", f, limit, cursor);
  }

  public Optional<String> alert(String project, UUID id) {
    return one("select " + ALERT + " from alerts where project = ? and id = ?", project, id);
  }

  /** Every transition of an alert, oldest first, as a JSON array; empty when no such alert. */
  public Optional<String> history(String project, UUID id) {
    return one(
        "select coalesce(jsonb_agg(jsonb_build_object('at', "
            + ts("t.at")
            + ", 'from', t.from_state, 'to', t.to_state, 'value', t.value, 'cause', t.cause) "
            + "order by t.id), '[]'::jsonb)::text from alerts a left join alert_transitions t "
            + "on t.alert_id = a.id where a.project = ? and a.id = ? group by a.id",
        project,
        id);
  }

  /** Marks an alert acknowledged by {@code user}; false when there is no such alert. */
  public boolean acknowledge(String project, UUID id, UUID user, Instant now) {
    int n =
        Sql.update(
            db,
            "update alerts set acknowledged_by = ?, acknowledged_at = ? where project = ? and id = ?",
            user,
            now,
            project,
            id);
    if (n == 1) {
      String cause = "acknowledged by user " + user;
      Sql.update(
          db,
          "insert into alert_transitions (alert_id, at, from_state, to_state, cause) "
              + "select id, ?, state, 'acknowledged', ? from alerts where id = ?",
          now,
          cause,
          id);
      feed.acknowledged(project, id, now, cause);
    }
    return n == 1;
  }

  private Page page(String table, String view, String time, Filter f, int limit, String cursor) {
    if (cursor != null) {
      Cursor c = Cursor.parse(cursor);
      f.and("(" + time + ", id) < (?, ?)", c.at()).params.add(c.id());
    }
    f.params.add(limit + 1);
    List<String[]> rows = new ArrayList<>();
    String sql =
        "select "
            + view
            + ", "
            + time
            + ", id from "
            + table
            + " where "
            + f.where
            + " order by "
            + time
            + " desc, id desc limit ?";
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, f.params.toArray());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new String[] {
                rs.getString(1),
                new Cursor(Sql.instant(rs, 2), rs.getObject(3, UUID.class)).toString()
              });
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(table + ": " + e.getMessage(), e);
    }
    String next = rows.size() > limit ? rows.get(limit - 1)[1] : null;
    List<String> items = rows.stream().limit(limit).map(r -> r[0]).toList();
    return new Page(items, next);
  }

  private Optional<String> one(String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** A where clause built from the filters that were given. */
  private static final class Filter {
    String where;
    final List<Object> params = new ArrayList<>();

    Filter(String first, Object param) {
      where = first;
      params.add(param);
    }

    Filter and(String clause, Object param) {
      if (param != null) {
        where += " and " + clause;
        params.add(param);
      }
      return this;
    }
  }

  /** A keyset position: the time and id of the last item of a page. */
  public record Cursor(Instant at, UUID id) {
    @Override
    public String toString() {
      return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000 + "_" + id;
    }

    /**
     * @throws IllegalArgumentException when the text is not a cursor
     */
    public static Cursor parse(String text) {
      int bar = text.indexOf('_');
      if (bar < 0) {
        throw new IllegalArgumentException("not a cursor");
      }
      long micros = Long.parseLong(text.substring(0, bar));
      return new Cursor(
          Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000),
          UUID.fromString(text.substring(bar + 1)));
    }
  }
}
