package dev.pulse.worker.alerting;

import dev.pulse.domain.alert.AlertState;
import dev.pulse.worker.jdbc.Sql;
import dev.pulse.worker.metric.Tags;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * AlertRows is the SQL of the alert book on one connection: state rows (read, created, locked,
 * written), alert rows and their transitions. The caller owns the transaction.
 */
final class AlertRows {

  private static final String STATE_COLUMNS =
      "fingerprint, phase, since, last_active_at, alert_id, changes, flapping";

  private final Connection c;

  AlertRows(Connection c) {
    this.c = c;
  }

  Connection connection() {
    return c;
  }

  Map<String, StateRow> states(String where, Object... params) throws SQLException {
    Map<String, StateRow> out = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("select " + STATE_COLUMNS + " from alert_states where " + where)) {
      Sql.bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Instant> changes = new ArrayList<>();
          Array a = rs.getArray(6);
          if (a != null) {
            for (Object t : (Object[]) a.getArray()) {
              changes.add(((Timestamp) t).toInstant());
            }
          }
          AlertState.Phase phase =
              AlertState.Phase.valueOf(rs.getString(2).toUpperCase(Locale.ROOT));
          out.put(
              rs.getString(1),
              new StateRow(
                  rs.getString(1),
                  new AlertState(phase, Sql.instant(rs, 3), Sql.instant(rs, 4)),
                  rs.getObject(5, UUID.class),
                  changes,
                  rs.getBoolean(7)));
        }
      }
    }
    return out;
  }

  /** Creates missing state rows (inactive) and locks every row, in fingerprint order. */
  Map<String, StateRow> lock(List<Target> targets, Instant now) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into alert_states (fingerprint, project, rule_id, group_labels, phase, "
                + "updated_at) values (?, ?, ?, cast(? as jsonb), 'inactive', ?) "
                + "on conflict do nothing")) {
      for (Target t : targets) {
        Sql.bind(
            ps, t.fingerprint(), t.rule().project(), t.rule().id(), Tags.json(t.labels()), now);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    String[] fps = targets.stream().map(Target::fingerprint).sorted().toArray(String[]::new);
    return states(
        "fingerprint = any(?) order by fingerprint for update", c.createArrayOf("varchar", fps));
  }

  /** {fingerprint, rule id, state} of a project's alert, or null. */
  Object[] alertOf(String project, UUID id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "select fingerprint, rule_id, state from alerts where project = ? and id = ?")) {
      Sql.bind(ps, project, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? new Object[] {rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)}
            : null;
      }
    }
  }

  /** {id, project, labels json, rule id} of firing alerts that are silenced, locked. */
  List<Object[]> silencedFiring() throws SQLException {
    List<Object[]> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "select id, project, labels::text, rule_id from alerts where state = 'firing' "
                    + "and silenced for update skip locked");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Object[] {
              rs.getObject(1, UUID.class),
              rs.getString(2),
              rs.getString(3),
              rs.getObject(4, UUID.class)
            });
      }
    }
    return out;
  }

  void writeState(StateRow row, Instant now) throws SQLException {
    Timestamp[] changes = row.changes().stream().map(Timestamp::from).toArray(Timestamp[]::new);
    try (PreparedStatement ps =
        c.prepareStatement(
            "update alert_states set phase = ?, since = ?, last_active_at = ?, alert_id = ?, "
                + "changes = ?, flapping = ?, updated_at = ? where fingerprint = ?")) {
      Sql.bind(
          ps,
          row.state().phase().name().toLowerCase(Locale.ROOT),
          row.state().since(),
          row.state().lastActiveAt(),
          row.alertId(),
          c.createArrayOf("timestamptz", changes),
          row.flapping(),
          now,
          row.fingerprint());
      ps.executeUpdate();
    }
  }

  void insertAlert(NewAlert a) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into alerts (id, project, rule_id, fingerprint, state, severity, labels, "
                + "annotations, value, threshold, started_at, fired_at, last_seen_at, silenced, "
                + "flapping) values (?, ?, ?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?, "
                + "?, ?, ?, ?, ?)")) {
      Sql.bind(
          ps,
          a.id(),
          a.project(),
          a.ruleId(),
          a.fingerprint(),
          a.state(),
          a.severity(),
          Tags.json(a.labels()),
          Tags.json(a.annotations()),
          a.value(),
          a.threshold(),
          a.at(),
          "firing".equals(a.state()) ? a.at() : null,
          a.at(),
          a.silenced(),
          a.flapping());
      ps.executeUpdate();
    }
  }

  /** The columns of a new alert row. */
  record NewAlert(
      UUID id,
      String project,
      UUID ruleId,
      String fingerprint,
      String state,
      String severity,
      Map<String, String> labels,
      Map<String, String> annotations,
      Double value,
      Double threshold,
      Instant at,
      boolean silenced,
      boolean flapping) {}

  void fire(UUID alert, Double value, Instant now, boolean silenced, boolean flapping)
      throws SQLException {
    update(
        "update alerts set state = 'firing', fired_at = ?, last_seen_at = ?, value = ?, "
            + "occurrences = occurrences + 1, silenced = ?, flapping = ? where id = ?",
        now,
        now,
        value,
        silenced,
        flapping,
        alert);
  }

  void confirm(UUID alert, Double value, Instant now) throws SQLException {
    update(
        "update alerts set occurrences = occurrences + 1, last_seen_at = ?, value = ? "
            + "where id = ?",
        now,
        value,
        alert);
  }

  void resolve(UUID alert, Double value, Instant now, boolean flapping) throws SQLException {
    update(
        "update alerts set state = 'resolved', resolved_at = ?, value = coalesce(?, value), "
            + "flapping = ? where id = ? and state <> 'resolved'",
        now,
        value,
        flapping,
        alert);
  }

  void transition(UUID alert, Instant at, String from, String to, Double value, String cause)
      throws SQLException {
    update(
        "insert into alert_transitions (alert_id, at, from_state, to_state, value, cause) "
            + "values (?, ?, ?, ?, ?, ?)",
        alert,
        at,
        from,
        to,
        value,
        cause);
  }

  int update(String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, params);
      return ps.executeUpdate();
    }
  }
}
