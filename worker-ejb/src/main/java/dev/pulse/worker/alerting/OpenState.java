package dev.pulse.worker.alerting;

import dev.pulse.worker.metric.Tags;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.UUID;

/** OpenState is a fingerprint that is pending or firing: the tick evaluates it even when quiet. */
public record OpenState(String fingerprint, UUID ruleId, SortedMap<String, String> labels) {

  static List<OpenState> read(Connection c) throws SQLException {
    List<OpenState> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "select fingerprint, rule_id, group_labels::text from alert_states "
                    + "where phase <> 'inactive'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new OpenState(
                rs.getString(1), rs.getObject(2, UUID.class), Tags.parse(rs.getString(3))));
      }
    }
    return out;
  }
}
