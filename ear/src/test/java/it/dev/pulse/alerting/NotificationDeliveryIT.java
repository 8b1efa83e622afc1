package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery under pressure and by design withheld: a receiver answering 429 with Retry-After,
 * silences (recurring ones included), and a rule change reaching the evaluators within a second.
 */
@ExtendWith(PulseServer.class)
class NotificationDeliveryIT {

  @Test
  void receiverAnswering429WithRetryAfterIsRetriedAfterTheWait() {
    Tenant t = Tenant.create("alert-retry");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(429, "Retry-After", "2").answer(200);
      JsonObject alert = fire(t, receiver);

      List<WebhookReceiver.Request> requests = receiver.await(2, SOON);
      holdsFor(QUIET, "exactly two requests", () -> receiver.requests().size() == 2);
      WebhookReceiver.Request first = requests.get(0);
      WebhookReceiver.Request second = requests.get(1);
      Duration gap = Duration.between(first.at(), second.at());
      assertTrue(gap.compareTo(Duration.ofSeconds(2)) >= 0, "retried after " + gap);
      String notificationId = first.header("X-Pulse-Notification-Id");
      assertNotNull(notificationId);
      assertEquals(notificationId, second.header("X-Pulse-Notification-Id"));
      assertEquals(first.text(), second.text(), "a retry sends the same body");

      JsonObject notification =
          Poll.until(
                  SOON,
                  "the notification to be sent",
                  () -> t.notifications(alert.getString("id")),
                  n -> n.size() == 1 && "sent".equals(n.getJsonObject(0).getString("status")))
              .getJsonObject(0);
      assertEquals(notificationId, notification.getString("id"));
      assertEquals(alert.getString("id"), notification.getString("alert_id"));
      assertFalse(notification.isNull("sent_at"), notification.toString());
      JsonArray attempts = notification.getJsonArray("attempts");
      assertEquals(2, attempts.size(), attempts.toString());
      assertEquals(429, attempts.getJsonObject(0).getInt("http_status"));
      assertEquals(200, attempts.getJsonObject(1).getInt("http_status"));
    }
  }

  @Test
  void silencedAlertIsRecordedButNotNotified() {
    Tenant t = Tenant.create("alert-silence");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String channel = t.newChannel(receiver);
      t.newRule(checkoutRule(channel));
      Instant now = Instant.now();
      JsonObject silence =
          t.expect(
              201,
              "POST",
              "/silences",
              Json.createObjectBuilder()
                  .add(
                      "matchers",
                      Json.createArrayBuilder()
                          .add(
                              Json.createObjectBuilder()
                                  .add("label", "alertname")
                                  .add("op", "=")
                                  .add("value", ALERTNAME)))
                  .add("starts_at", now.minus(Duration.ofMinutes(1)).toString())
                  .add("ends_at", now.plus(Duration.ofHours(1)).toString())
                  .add("comment", "deploy")
                  .build()
                  .toString());
      String silenceId = silence.getString("id");
      assertTrue(
          t.get("/silences?state=active").getJsonArray("items").stream()
              .anyMatch(s -> silenceId.equals(s.asJsonObject().getString("id"))));

      t.sendErrors(3);
      JsonObject alert = t.awaitFiring();
      assertTrue(alert.getBoolean("silenced"), alert.toString());

      JsonObject notification =
          Poll.until(
                  SOON,
                  "the silenced notification to be recorded",
                  () -> t.notifications(alert.getString("id")),
                  n -> !n.isEmpty())
              .getJsonObject(0);
      assertEquals("silenced", notification.getString("status"));
      assertTrue(notification.getJsonArray("attempts").isEmpty(), notification.toString());
      holdsFor(QUIET, "the receiver to get nothing", () -> receiver.requests().isEmpty());

      assertEquals(204, t.call("DELETE", "/silences/" + silenceId, null).statusCode());
      assertTrue(
          t.get("/silences?state=active").getJsonArray("items").stream()
              .noneMatch(s -> silenceId.equals(s.asJsonObject().getString("id"))));
      // Still firing when the silence ends: notified then.
      JsonObject late = receiver.await(1, SOON).get(0).json();
      assertEquals("firing", late.getString("status"));
      assertEquals(
          alert.getString("fingerprint"),
          late.getJsonArray("alerts").getJsonObject(0).getString("fingerprint"));
    }
  }

  @Test
  void recurringSilenceMutesOnlyInsideItsHours() {
    Tenant t = Tenant.create("alert-recurring");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String channel = t.newChannel(receiver);
      String offHours = ALERTNAME + " (off hours)";
      t.newRule(checkoutRule(channel));
      t.newRule(with(checkoutRule(channel), "name", Json.createValue(offHours)));
      ZoneId paris = ZoneId.of("Europe/Paris");
      LocalTime local = ZonedDateTime.now(paris).toLocalTime();
      // Every day, the two hours around now in Paris (across midnight when now is near it)...
      t.expect(
          201, "POST", "/silences", recurring(ALERTNAME, local.minusHours(1), local.plusHours(1)));
      // ...and, for the other rule, two hours that are not now.
      t.expect(
          201, "POST", "/silences", recurring(offHours, local.plusHours(2), local.plusHours(4)));

      t.sendErrors(3);
      JsonArray firing =
          Poll.until(
              SOON, "both rules firing", () -> t.alerts("?state=firing"), a -> a.size() == 2);
      for (JsonValue v : firing) {
        JsonObject a = v.asJsonObject();
        boolean inside = ALERTNAME.equals(a.getJsonObject("labels").getString("alertname"));
        assertEquals(inside, a.getBoolean("silenced"), a.toString());
      }
      JsonObject sent = receiver.await(1, SOON).get(0).json();
      assertEquals(
          offHours,
          sent.getJsonArray("alerts")
              .getJsonObject(0)
              .getJsonObject("labels")
              .getString("alertname"));
      holdsFor(QUIET, "only the unsilenced rule to notify", () -> receiver.requests().size() == 1);
    }
  }

  @Test
  void aRuleChangeReachesTheEvaluatorsWithinASecond() {
    Tenant t = Tenant.create("alert-change");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String channel = t.newChannel(receiver);
      JsonObject high = with(checkoutRule(channel), "threshold", Json.createValue(100));
      String id = t.newRule(high).getString("id");
      t.sendErrors(3);
      Poll.until(
          SOON,
          "the errors to be stored",
          () ->
              Api.object(
                  Api.as("GET", "/api/v1/events?project=" + t.project(), null, t.owner().bearer())),
          e -> e.getJsonArray("items").size() == 3);
      assertTrue(t.alerts("").isEmpty(), "3 errors are not over 100");

      long start = System.nanoTime();
      t.expect(200, "PUT", "/rules/" + id, checkoutRule(channel).toString());
      t.awaitFiring();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      System.out.printf("rule change → alert raised in %d ms%n", took.toMillis());
      // The periodic reload is every 10 s: faster than that, the change came over pub/sub.
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "applied after " + took);
    }
  }

  private static String recurring(String alertname, LocalTime from, LocalTime to) {
    Instant now = Instant.now();
    DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
    return Json.createObjectBuilder()
        .add(
            "matchers",
            Json.createArrayBuilder()
                .add(
                    Json.createObjectBuilder()
                        .add("label", "alertname")
                        .add("op", "=")
                        .add("value", alertname)))
        .add("starts_at", now.minus(Duration.ofMinutes(1)).toString())
        .add("ends_at", now.plus(Duration.ofDays(7)).toString())
        .add("comment", "nightly batch")
        .add(
            "recurrence",
            Json.createObjectBuilder()
                .add(
                    "days",
                    Json.createArrayBuilder(
                        List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")))
                .add("from", from.format(hhmm))
                .add("to", to.format(hhmm))
                .add("timezone", "Europe/Paris"))
        .build()
        .toString();
  }
}
