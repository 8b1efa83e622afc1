package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.Tenant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Database;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A digest of held-back notifications as its reader sees it: an alert whose firing and resolved
 * notices were both held back is one alert, listed once with its latest state, and the digest
 * counts alerts, not notices. (AlertStormIT once saw 990 "held back" for 500 alerts: the firing and
 * the resolved notice of each, folded into one digest.)
 */
@ExtendWith(PulseServer.class)
class DigestIT {

  @Test
  void anAlertThatFiredAndResolvedWhileHeldBackIsListedOnceWithItsLatestState() throws Exception {
    Tenant t = Tenant.create("digest");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      UUID channel = UUID.fromString(t.newChannel(receiver));
      UUID rule = UUID.randomUUID();
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      Instant now = Instant.now();
      // Held back by the rate limit, oldest first: a fired, b fired, a resolved. The server's
      // dispatcher folds them into a digest within a second or so.
      List<UUID> held =
          List.of(
              heldBack(t.project(), rule, channel, a, "firing", now.minusSeconds(3)),
              heldBack(t.project(), rule, channel, b, "firing", now.minusSeconds(2)),
              heldBack(t.project(), rule, channel, a, "resolved", now.minusSeconds(1)));

      JsonObject digest =
          Poll.until(
              Duration.ofSeconds(30),
              "the digest of the held-back notices",
              () ->
                  receiver.requests().stream()
                      .map(WebhookReceiver.Request::json)
                      .filter(j -> summary(j).contains("held back"))
                      .findFirst()
                      .orElse(null),
              j -> j != null);

      Map<String, String> statusByFingerprint = new HashMap<>();
      digest
          .getJsonArray("alerts")
          .forEach(
              x ->
                  statusByFingerprint.put(
                      x.asJsonObject().getString("fingerprint"),
                      x.asJsonObject().getString("status")));
      assertEquals(Map.of("fp-" + a, "resolved", "fp-" + b, "firing"), statusByFingerprint);
      assertEquals(0, digest.getInt("truncatedAlerts"));
      assertTrue(summary(digest).startsWith("2 alerts "), summary(digest));
      assertEquals(1, digestIdsOf(held).size(), "all three notices are in the one digest");
    }
  }

  private static String summary(JsonObject webhook) {
    return webhook.getJsonObject("commonAnnotations").getString("summary", "");
  }

  /** Inserts a notification the rate limit held back, as the outbox writes one. */
  private static UUID heldBack(
      String project, UUID rule, UUID channel, UUID alert, String kind, Instant at)
      throws SQLException {
    UUID id = UUID.randomUUID();
    String payload =
        Json.createObjectBuilder()
            .add("status", kind)
            .add("alert_id", alert.toString())
            .add("fingerprint", "fp-" + alert)
            .add("labels", Json.createObjectBuilder().add("alertname", "Digest test"))
            .add("annotations", Json.createObjectBuilder().add("summary", "digest test"))
            .add("startsAt", at.toString())
            .add("value", 1)
            .build()
            .toString();
    try (Connection c = Database.connect();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into notifications (id, project, alert_id, rule_id, channel_id, kind, "
                    + "status, payload, created_at) values (?, ?, ?, ?, ?, ?, 'throttled', "
                    + "cast(? as jsonb), ?)")) {
      ps.setObject(1, id);
      ps.setString(2, project);
      ps.setObject(3, alert);
      ps.setObject(4, rule);
      ps.setObject(5, channel);
      ps.setString(6, kind);
      ps.setString(7, payload);
      ps.setTimestamp(8, Timestamp.from(at));
      ps.executeUpdate();
    }
    return id;
  }

  private static Set<UUID> digestIdsOf(List<UUID> notifications) throws SQLException {
    Set<UUID> ids = new HashSet<>();
    try (Connection c = Database.connect();
        PreparedStatement ps =
            c.prepareStatement("select digest_id from notifications where id = any(?)")) {
      ps.setArray(1, c.createArrayOf("uuid", notifications.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getObject(1, UUID.class));
        }
      }
    }
    return ids;
  }
}
