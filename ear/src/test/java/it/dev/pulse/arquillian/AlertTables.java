package it.dev.pulse.arquillian;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/** AlertTables reads the alerting tables for in-container assertions, in compact forms. */
final class AlertTables {

  private final DataSource db;

  AlertTables(DataSource db) {
    this.db = db;
  }

  /** Creates the project row (rules of a project that does not exist are not loaded). */
  void project(String id) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into projects (id, name, created_at) values (?, ?, now()) "
                    + "on conflict do nothing")) {
      ps.setString(1, id);
      ps.setString(2, id);
      ps.executeUpdate();
    }
  }

  List<Map<String, Object>> alertsOf(UUID rule) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select id, state, value, labels::text, occurrences from alerts where rule_id = ? "
                    + "order by started_at")) {
      ps.setObject(1, rule);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> a = new TreeMap<>();
          a.put("id", rs.getObject(1, UUID.class));
          a.put("state", rs.getString(2));
          a.put("value", rs.getObject(3));
          a.put("labels", rs.getString(4));
          a.put("occurrences", rs.getLong(5));
          out.add(a);
        }
      }
    }
    return out;
  }

  List<String> historyOf(UUID alert) throws SQLException {
    return strings(
        "select coalesce(from_state, 'null') || '->' || to_state from alert_transitions "
            + "where alert_id = ? order by id",
        alert);
  }

  List<String> notificationsOf(UUID alert) throws SQLException {
    return strings(
        "select kind || '/' || channel_id from notifications where alert_id = ? "
            + "order by created_at, kind",
        alert);
  }

  String phaseOf(String fingerprint) throws SQLException {
    List<String> phase =
        strings(
            "select phase from alert_states where fingerprint = ? and phase <> 'inactive'",
            fingerprint);
    return phase.isEmpty() ? null : phase.get(0);
  }

  Set<String> notificationIds(UUID rule) throws SQLException {
    return Set.copyOf(strings("select id::text from notifications where rule_id = ?", rule));
  }

  List<String> strings(String sql, Object... args) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
