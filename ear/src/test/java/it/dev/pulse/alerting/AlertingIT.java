package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerting end to end: a rule and a webhook channel set up over the API, events sent with an ingest
 * key, the alert raised, repeated, acknowledged and resolved, and the Alertmanager body, headers
 * and signature a real webhook receiver on loopback gets. Every test has a project of its own.
 */
@ExtendWith(PulseServer.class)
class AlertingIT {

  @Test
  void eventCrossingThresholdRaisesAlertAndWebhookGetsAlertmanagerBody() {
    Tenant t = Tenant.create("alert-fire");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      HttpResponse<String> created =
          t.call("POST", "/channels", channelJson(receiver.url()).toString());
      assertEquals(201, created.statusCode(), created.body());
      assertFalse(created.body().contains(SECRET), "the secret is never shown: " + created.body());
      assertFalse(created.body().contains("payments"), "nor header values: " + created.body());
      JsonObject channel = Api.object(created);
      assertTrue(channel.getBoolean("has_secret"));
      assertEquals(t.project(), channel.getString("project"));
      assertEquals("ops", channel.getString("name"));
      assertEquals("webhook", channel.getString("type"));
      assertEquals(receiver.url(), channel.getString("url"));

      JsonObject rule = t.newRule(checkoutRule(channel.getString("id")));
      assertEquals(ALERTNAME, rule.getString("name"));
      assertEquals("1m", rule.getString("window"));
      assertEquals(2, number(rule, "threshold"));
      assertEquals(t.project(), rule.getString("project"));
      assertEquals(channel.getString("id"), rule.getJsonArray("channels").getString(0));

      t.sendErrors(3);
      JsonObject alert = t.awaitFiring();
      assertEquals("firing", alert.getString("state"));
      assertEquals(rule.getString("id"), alert.getString("rule_id"));
      assertEquals("critical", alert.getString("severity"));
      JsonObject labels = alert.getJsonObject("labels");
      assertEquals(ALERTNAME, labels.getString("alertname"));
      assertEquals("checkout-api", labels.getString("source"));
      assertEquals("payments", labels.getString("team"));
      assertEquals(
          "Errors on checkout-api", alert.getJsonObject("annotations").getString("summary"));
      assertTrue(number(alert, "value") > 2, alert.toString());
      assertEquals(2, number(alert, "threshold"));
      assertTrue(alert.isNull("resolved_at"), alert.toString());
      assertFalse(alert.getBoolean("silenced"));

      WebhookReceiver.Request request = receiver.await(1, SOON).get(0);
      assertEquals("POST", request.method());
      assertEquals("/hook", request.path());
      JsonObject body = request.json();
      assertEquals("4", body.getString("version"));
      assertEquals("firing", body.getString("status"));
      assertEquals("ops", body.getString("receiver"));
      JsonObject sent = body.getJsonArray("alerts").getJsonObject(0);
      assertEquals("firing", sent.getString("status"));
      assertEquals(ALERTNAME, sent.getJsonObject("labels").getString("alertname"));
      assertEquals("checkout-api", sent.getJsonObject("labels").getString("source"));
      assertEquals(
          "Errors on checkout-api", sent.getJsonObject("annotations").getString("summary"));
      assertEquals(alert.getString("fingerprint"), sent.getString("fingerprint"));

      assertEquals("payments", request.header("X-Team"));
      assertNotNull(request.header("X-Pulse-Notification-Id"), request.headers().toString());
      assertEquals(
          "sha256=" + hmacSha256Hex(SECRET, request.body()),
          request.header("X-Pulse-Signature"),
          "the signature is over the exact body bytes");
    }
  }

  @Test
  void repeatsUpdateTheSameAlert() {
    Tenant t = Tenant.create("alert-repeat");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonObject alert = fire(t, receiver);
      String id = alert.getString("id");
      String fingerprint = alert.getString("fingerprint");
      Poll.until(
          SOON,
          "the firing notification",
          () -> notices(receiver, "firing", fingerprint).size() == 1);

      t.sendErrors(3);
      JsonObject updated =
          Poll.until(
              SOON,
              "the alert to count all six errors",
              () -> t.alert(id),
              a -> number(a, "value") >= 6);
      assertEquals("firing", updated.getString("state"));
      assertTrue(updated.getInt("occurrences") >= 1, updated.toString());
      assertFalse(
          Instant.parse(updated.getString("last_seen_at"))
              .isBefore(Instant.parse(alert.getString("last_seen_at"))),
          updated.toString());

      holdsFor(
          QUIET,
          "one alert for the fingerprint and one firing notification",
          () ->
              t.alerts("").stream()
                          .filter(
                              a -> fingerprint.equals(a.asJsonObject().getString("fingerprint")))
                          .count()
                      == 1
                  && notices(receiver, "firing", fingerprint).size() == 1);
      assertEquals(id, t.alerts("?state=firing").getJsonObject(0).getString("id"));
    }
  }

  @Test
  void manualResolveRecordsHistoryAndNotifiesResolved() {
    Tenant t = Tenant.create("alert-resolve");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonObject alert = fire(t, receiver);
      String id = alert.getString("id");
      String fingerprint = alert.getString("fingerprint");
      Poll.until(
          SOON,
          "the firing notification",
          () -> !notices(receiver, "firing", fingerprint).isEmpty());

      JsonObject resolved = t.expect(200, "POST", "/alerts/" + id + "/resolve", null);
      assertEquals(id, resolved.getString("id"));
      assertEquals("resolved", resolved.getString("state"));
      assertFalse(resolved.isNull("resolved_at"), resolved.toString());
      assertEquals("resolved", t.alert(id).getString("state"));

      JsonArray history = t.get("/alerts/" + id + "/history").getJsonArray("items");
      assertTrue(
          history.stream().anyMatch(h -> "firing".equals(h.asJsonObject().getString("to"))),
          history.toString());
      JsonObject toResolved =
          history.stream()
              .map(JsonValue::asJsonObject)
              .filter(h -> "resolved".equals(h.getString("to")))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no entry to resolved: " + history));
      assertEquals("firing", toResolved.getString("from"));
      String cause = toResolved.getString("cause");
      assertTrue(
          cause.contains(t.owner().email()) || cause.contains(t.owner().id()),
          "the cause names who resolved it: " + cause);
      assertNotNull(Instant.parse(toResolved.getString("at")));

      JsonObject notice =
          Poll.until(
                  SOON,
                  "the resolved notification",
                  () -> notices(receiver, "resolved", fingerprint),
                  n -> !n.isEmpty())
              .get(0);
      JsonObject sent = notice.getJsonArray("alerts").getJsonObject(0);
      assertEquals("resolved", sent.getString("status"));
      assertEquals(ALERTNAME, sent.getJsonObject("labels").getString("alertname"));
    }
  }

  @Test
  void ackSetsAcknowledgedBy() {
    Tenant t = Tenant.create("alert-ack");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonObject alert = fire(t, receiver);
      String id = alert.getString("id");
      assertTrue(alert.isNull("acknowledged_by"), alert.toString());

      JsonObject acked = t.expect(200, "POST", "/alerts/" + id + "/ack", null);
      assertEquals(id, acked.getString("id"));
      assertEquals("firing", acked.getString("state"), "acknowledging does not resolve");
      Set<String> owner = Set.of(t.owner().id(), t.owner().email());
      assertTrue(owner.contains(acked.getString("acknowledged_by")), acked.toString());
      assertFalse(acked.isNull("acknowledged_at"), acked.toString());

      JsonObject read = t.alert(id);
      assertEquals(acked.getString("acknowledged_by"), read.getString("acknowledged_by"));
      assertEquals(
          Instant.parse(acked.getString("acknowledged_at")),
          Instant.parse(read.getString("acknowledged_at")));
    }
  }

  @Test
  void disablingRuleResolvesItsAlerts() {
    Tenant t = Tenant.create("alert-disable");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String channel = t.newChannel(receiver);
      JsonObject rule = t.newRule(checkoutRule(channel));
      String ruleId = rule.getString("id");
      t.sendErrors(3);
      JsonObject alert = t.awaitFiring();
      String fingerprint = alert.getString("fingerprint");

      JsonObject disabled = t.expect(200, "POST", "/rules/" + ruleId + "/disable", null);
      assertFalse(disabled.getBoolean("enabled"), disabled.toString());
      assertFalse(t.get("/rules/" + ruleId).getBoolean("enabled"));

      JsonObject resolved =
          Poll.until(
              SOON,
              "the disabled rule's alert to be resolved",
              () -> t.alert(alert.getString("id")),
              a -> "resolved".equals(a.getString("state")));
      assertFalse(resolved.isNull("resolved_at"), resolved.toString());
      assertTrue(t.alerts("?state=firing").isEmpty());
      Poll.until(
          SOON,
          "the resolved notification",
          () -> !notices(receiver, "resolved", fingerprint).isEmpty());

      // A disabled rule raises nothing, however many events match.
      t.sendErrors(3);
      holdsFor(QUIET, "no firing alert", () -> t.alerts("?state=firing").isEmpty());

      JsonObject enabled = t.expect(200, "POST", "/rules/" + ruleId + "/enable", null);
      assertTrue(enabled.getBoolean("enabled"), enabled.toString());
    }
  }
}
