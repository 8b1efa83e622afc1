package dev.pulse.worker.alerting;

import dev.pulse.domain.alert.AlertRepository;
import dev.pulse.worker.jdbc.Sql;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * JdbcAlertRepository reads alerts, their history and notifications for the API as typed rows,
 * newest first with keyset paging. Acknowledgement lives here too: it is a note on the alert, not a
 * transition of its state.
 */
@Stateless
@Local(AlertRepository.class)
public class JdbcAlertRepository implements AlertRepository {

  /**
   * One alert as the live feed shows it, a JSON text built by PostgreSQL (AlertFeed); the API reads
   * {@link #ALERT_COLUMNS} into {@link Alert} instead.
   */
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

  private static final String ALERT_COLUMNS =
      "id, project, fingerprint, rule_id, state, severity, labels::text, annotations::text, value, "
          + "threshold, started_at, fired_at, last_seen_at, resolved_at, occurrences, silenced, "
          + "flapping, acknowledged_by, acknowledged_at";

  private static final String NOTIFICATION_COLUMNS =
      "id, alert_id, rule_id, channel_id, kind, status, attempts::text, created_at, sent_at, "
          + "digest_id, fallback_of";

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Inject AlertFeed feed;

  static String ts(String column) {
    return "to_char(" + column + " at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
  }

  @Override
  public Page<Alert> alerts(
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
    return page(
        "alerts",
        ALERT_COLUMNS,
        "started_at",
        f,
        limit,
        cursor,
        JdbcAlertRepository::alert,
        a -> new Cursor(a.startedAt(), a.id()));
  }

  @Override
  public Page<Notification> notifications(
      String project, UUID alert, UUID channel, String status, int limit, String cursor) {
    Filter f = new Filter("project = ?", project);
    f.and("alert_id = ?", alert).and("channel_id = ?", channel).and("status = ?", status);
    return page(
        "notifications",
        NOTIFICATION_COLUMNS,
        "created_at",
        f,
        limit,
        cursor,
        JdbcAlertRepository::notification,
        n -> new Cursor(n.createdAt(), n.id()));
  }

  @Override
  public Optional<Alert> alert(String project, UUID id) {
    List<Alert> found =
        list(
            "select " + ALERT_COLUMNS + " from alerts where project = ? and id = ?",
            JdbcAlertRepository::alert,
            project,
            id);
    return found.stream().findFirst();
  }

  /** Every transition of an alert, oldest first; empty when there is no such alert. */
  @Override
  public Optional<List<Transition>> history(String project, UUID id) {
    // One row per transition, or one row of nulls for an alert without any: found either way.
    List<Optional<Transition>> rows =
        list(
            "select t.at, t.from_state, t.to_state, t.value, t.cause from alerts a "
                + "left join alert_transitions t on t.alert_id = a.id "
                + "where a.project = ? and a.id = ? order by t.id",
            rs ->
                rs.getString(5) == null
                    ? Optional.empty()
                    : Optional.of(
                        new Transition(
                            Sql.instant(rs, 1),
                            rs.getString(2),
                            rs.getString(3),
                            number(rs, 4),
                            rs.getString(5))),
            project,
            id);
    return rows.isEmpty()
        ? Optional.empty()
        : Optional.of(rows.stream().flatMap(Optional::stream).toList());
  }

  /** Marks an alert acknowledged by {@code user}; false when there is no such alert. */
  @Override
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

  /** Reads one row of a result set. */
  @FunctionalInterface
  private interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> Page<T> page(
      String table,
      String columns,
      String time,
      Filter f,
      int limit,
      String cursor,
      Row<T> row,
      Function<T, Cursor> position) {
    if (cursor != null) {
      Cursor c = Cursor.parse(cursor);
      f.and("(" + time + ", id) < (?, ?)", c.at()).params.add(c.id());
    }
    f.params.add(limit + 1);
    String sql =
        "select "
            + columns
            + " from "
            + table
            + " where "
            + f.where
            + " order by "
            + time
            + " desc, id desc limit ?";
    List<T> rows = list(sql, row, f.params.toArray());
    String next = rows.size() > limit ? position.apply(rows.get(limit - 1)).toString() : null;
    return new Page<>(rows.stream().limit(limit).toList(), next);
  }

  private <T> List<T> list(String sql, Row<T> row, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, params);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(row.read(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static Alert alert(ResultSet rs) throws SQLException {
    return new Alert(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getObject(4, UUID.class),
        rs.getString(5),
        rs.getString(6),
        strings(rs.getString(7)),
        strings(rs.getString(8)),
        number(rs, 9),
        number(rs, 10),
        Sql.instant(rs, 11),
        Sql.instant(rs, 12),
        Sql.instant(rs, 13),
        Sql.instant(rs, 14),
        rs.getLong(15),
        rs.getBoolean(16),
        rs.getBoolean(17),
        rs.getObject(18, UUID.class),
        Sql.instant(rs, 19));
  }

  private static Notification notification(ResultSet rs) throws SQLException {
    return new Notification(
        rs.getObject(1, UUID.class),
        rs.getObject(2, UUID.class),
        rs.getObject(3, UUID.class),
        rs.getObject(4, UUID.class),
        rs.getString(5),
        rs.getString(6),
        attempts(rs.getString(7)),
        Sql.instant(rs, 8),
        Sql.instant(rs, 9),
        rs.getObject(10, UUID.class),
        rs.getObject(11, UUID.class));
  }

  /**
   * The attempts column: {@code [{"at": ..., "http_status": ..., "error": ...}]}, each optional.
   */
  static List<Attempt> attempts(String json) {
    List<Attempt> out = new ArrayList<>();
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      for (JsonValue v : reader.readArray()) {
        JsonObject a = v.asJsonObject();
        out.add(
            new Attempt(
                a.get("at") instanceof JsonString at ? Instant.parse(at.getString()) : null,
                a.get("http_status") instanceof JsonNumber n ? n.intValue() : null,
                a.get("error") instanceof JsonString e ? e.getString() : null));
      }
    }
    return out;
  }

  /** A JSON object of labels or annotations, sorted by key. */
  private static Map<String, String> strings(String json) {
    Map<String, String> out = new TreeMap<>();
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      reader
          .readObject()
          .forEach((k, v) -> out.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    }
    return out;
  }

  private static Double number(ResultSet rs, int column) throws SQLException {
    double d = rs.getDouble(column);
    return rs.wasNull() ? null : d;
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
}
