package it.dev.pulse.alerting;

import static it.dev.pulse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Alerting end to end: channels and rules set up over the API, events sent with an ingest key,
 * alerts raised, acknowledged, resolved and silenced, and the notifications a real webhook receiver
 * on loopback gets — body, headers, signature and retries. Every test has a project of its own.
 */
@ExtendWith(PulseServer.class)
class AlertingIT {

  private static final Duration SOON = Duration.ofSeconds(15);

  /** How long "nothing more happens" is watched for. */
  private static final Duration QUIET = Duration.ofSeconds(3);

  private static final String ALERTNAME = "Checkout errors";
  private static final String SECRET = "0123456789abcdef-secret";

  /** A fresh owner, project and ingest key, with helpers for the project's alerting API. */
  private record Tenant(Accounts.User owner, String project, String key) {

    static Tenant create(String name) {
      Accounts.User owner = Accounts.newUser(name);
      String project = Accounts.newProject(owner, name);
      String key = Accounts.newKey(owner, project, null).getString("key");
      return new Tenant(owner, project, key);
    }

    String path(String rest) {
      return "/api/v1/projects/" + project + rest;
    }

    HttpResponse<String> call(String method, String rest, String body) {
      return Api.as(method, path(rest), body, owner.bearer());
    }

    JsonObject expect(int status, String method, String rest, String body) {
      HttpResponse<String> r = call(method, rest, body);
      assertEquals(status, r.statusCode(), method + " " + rest + ": " + r.body());
      return Api.object(r);
    }

    JsonObject get(String rest) {
      return expect(200, "GET", rest, null);
    }

    /** A webhook channel named "ops" to the receiver, with a header and a signing secret. */
    String newChannel(WebhookReceiver receiver) {
      return expect(201, "POST", "/channels", channelJson(receiver.url()).toString())
          .getString("id");
    }

    JsonObject newRule(JsonObject rule) {
      return expect(201, "POST", "/rules", rule.toString());
    }

    /** Sends {@code n} checkout-api errors dated now, as one batch. */
    void sendErrors(int n) {
      Instant now = Instant.now();
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < n; i++) {
        batch
            .append(i == 0 ? "" : ",")
            .append(
                Json.createObjectBuilder()
                    .add("id", UUID.randomUUID().toString())
                    .add("type", "http.error")
                    .add("source", "checkout-api")
                    .add("timestamp", now.toString())
                    .add("value", 1)
                    .add("tags", Json.createObjectBuilder().add("env", "prod"))
                    .build());
      }
      HttpResponse<String> sent =
          Api.as("POST", "/api/v1/events/batch", batch.append(']').toString(), "X-Pulse-Key", key);
      assertEquals(202, sent.statusCode(), sent.body());
    }

    JsonArray alerts(String query) {
      return get("/alerts" + query).getJsonArray("items");
    }

    /** Waits for the project's one firing alert and returns it. */
    JsonObject awaitFiring() {
      JsonArray firing =
          Poll.until(
              SOON,
              "a firing alert in " + project,
              () -> alerts("?state=firing"),
              a -> !a.isEmpty());
      assertEquals(1, firing.size(), firing.toString());
      return firing.getJsonObject(0);
    }

    JsonObject alert(String id) {
      return get("/alerts/" + id);
    }

    JsonArray notifications(String alertId) {
      return get("/notifications?alert=" + alertId).getJsonArray("items");
    }
  }

  private static JsonObject channelJson(String url) {
    return Json.createObjectBuilder()
        .add("name", "ops")
        .add("type", "webhook")
        .add("url", url)
        .add("headers", Json.createObjectBuilder().add("X-Team", "payments"))
        .add("secret", SECRET)
        .build();
  }

  /** More than two checkout-api errors within a minute fire, one alert per source. */
  private static JsonObject checkoutRule(String channel) {
    return Json.createObjectBuilder()
        .add("name", ALERTNAME)
        .add("kind", "threshold")
        .add("signal", "events")
        .add(
            "match",
            Json.createObjectBuilder().add("type", "http.error").add("source", "checkout-api"))
        .add("aggregate", "count")
        .add("window", "1m")
        .add("group_by", Json.createArrayBuilder().add("source"))
        .add("op", ">")
        .add("threshold", 2)
        .add("for", "0s")
        .add("severity", "critical")
        .add("labels", Json.createObjectBuilder().add("team", "payments"))
        .add("annotations", Json.createObjectBuilder().add("summary", "Errors on {{source}}"))
        .add("channels", Json.createArrayBuilder().add(channel))
        .build();
  }

  private static JsonObject with(JsonObject o, String key, JsonValue value) {
    return Json.createObjectBuilder(o).add(key, value).build();
  }

  /** A rule and channel to the receiver, then three errors: returns the firing alert. */
  private static JsonObject fire(Tenant t, WebhookReceiver receiver) {
    String channel = t.newChannel(receiver);
    t.newRule(checkoutRule(channel));
    t.sendErrors(3);
    return t.awaitFiring();
  }

  /** The webhook bodies of the given status for the alert's fingerprint. */
  private static List<JsonObject> notices(
      WebhookReceiver receiver, String status, String fingerprint) {
    return receiver.requests().stream()
        .map(WebhookReceiver.Request::json)
        .filter(b -> status.equals(b.getString("status")))
        .filter(
            b ->
                b.getJsonArray("alerts").stream()
                    .anyMatch(
                        a -> fingerprint.equals(a.asJsonObject().getString("fingerprint", null))))
        .toList();
  }

  /** Fails as soon as the condition is false, and returns once it has held for {@code d}. */
  private static void holdsFor(Duration d, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + d.toNanos();
    Poll.until(
        d.plusSeconds(10),
        what + " for " + d,
        () -> {
          if (!condition.getAsBoolean()) {
            throw new AssertionError("no longer true: " + what);
          }
          return System.nanoTime() >= end;
        });
  }

  private static String hmacSha256Hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double number(JsonObject o, String key) {
    return o.getJsonNumber(key).doubleValue();
  }

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
    }
  }

  @Test
  void badRulesAndChannelsAreRefusedNamingTheField() {
    Tenant t = Tenant.create("alert-bad");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String channel = t.newChannel(receiver);
      JsonObject good = checkoutRule(channel);

      assertProblem(
          t.call("POST", "/rules", with(good, "kind", Json.createValue("sometimes")).toString()),
          400,
          "kind");
      assertProblem(
          t.call("POST", "/rules", with(good, "window", Json.createValue("forever")).toString()),
          400,
          "window");
      assertProblem(
          t.call(
              "POST",
              "/rules",
              with(
                      good,
                      "channels",
                      Json.createArrayBuilder().add(UUID.randomUUID().toString()).build())
                  .toString()),
          400,
          "channels[0]");
      assertProblem(
          t.call("POST", "/rules", with(good, "recover_threshold", Json.createValue(5)).toString()),
          400,
          "recover_threshold");
      assertTrue(t.get("/rules").getJsonArray("items").isEmpty(), "no bad rule was stored");

      assertProblem(
          t.call("POST", "/channels", channelJson("http://169.254.169.254/latest").toString()),
          400,
          "url");
      JsonArray channels = t.get("/channels").getJsonArray("items");
      assertEquals(1, channels.size(), channels.toString());
      assertEquals(channel, channels.getJsonObject(0).getString("id"));
    }
  }

  @Test
  void channelsAreManagedWithoutShowingSecretsAndCanBeTested() {
    Tenant t = Tenant.create("alert-channel");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String id = t.newChannel(receiver);
      for (String rest : List.of("/channels", "/channels/" + id)) {
        HttpResponse<String> read = t.call("GET", rest, null);
        assertEquals(200, read.statusCode(), read.body());
        assertTrue(read.body().contains(id), read.body());
        assertFalse(read.body().contains(SECRET), read.body());
        assertFalse(read.body().contains("payments"), read.body());
      }

      assertEquals(202, t.call("POST", "/channels/" + id + "/test", null).statusCode());
      WebhookReceiver.Request test = receiver.await(1, SOON).get(0);
      assertEquals("payments", test.header("X-Team"));
      assertEquals(
          "sha256=" + hmacSha256Hex(SECRET, test.body()), test.header("X-Pulse-Signature"));

      JsonObject renamed =
          t.expect(
              200,
              "PUT",
              "/channels/" + id,
              with(channelJson(receiver.url()), "name", Json.createValue("on-call")).toString());
      assertEquals("on-call", renamed.getString("name"));
      assertEquals("on-call", t.get("/channels/" + id).getString("name"));

      assertEquals(204, t.call("DELETE", "/channels/" + id, null).statusCode());
      assertProblem(t.call("GET", "/channels/" + id, null), 404);
    }
  }

  @Test
  void anotherProjectsIdsAnswer404() {
    Tenant alice = Tenant.create("alert-iso-a");
    Tenant bob = Tenant.create("alert-iso-b");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonObject alert = fire(alice, receiver);
      String alertId = alert.getString("id");
      String ruleId = alert.getString("rule_id");
      String channelId =
          alice.get("/channels").getJsonArray("items").getJsonObject(0).getString("id");
      List<String> resources =
          List.of("/alerts/" + alertId, "/rules/" + ruleId, "/channels/" + channelId);

      // Bob on Alice's project: not a member, so the project does not exist for him.
      for (String rest : resources) {
        HttpResponse<String> r = Api.as("GET", alice.path(rest), null, bob.owner().bearer());
        assertProblem(r, 404);
        assertFalse(r.body().contains(alert.getString("fingerprint")), r.body());
      }
      // Bob on his own project with Alice's ids: no such alert, rule or channel there.
      for (String rest : resources) {
        assertProblem(bob.call("GET", rest, null), 404);
      }
      assertProblem(bob.call("GET", "/alerts/" + alertId + "/history", null), 404);
      assertProblem(bob.call("POST", "/alerts/" + alertId + "/ack", null), 404);
      assertProblem(bob.call("POST", "/alerts/" + alertId + "/resolve", null), 404);
      assertProblem(bob.call("POST", "/rules/" + ruleId + "/disable", null), 404);
      assertProblem(bob.call("DELETE", "/rules/" + ruleId, null), 404);
      assertProblem(bob.call("DELETE", "/channels/" + channelId, null), 404);
      assertTrue(bob.alerts("").isEmpty());

      // Alice's things are untouched.
      JsonObject still = alice.alert(alertId);
      assertEquals("firing", still.getString("state"));
      assertTrue(still.isNull("acknowledged_by"), still.toString());
      assertEquals(200, alice.call("GET", "/rules/" + ruleId, null).statusCode());
      assertEquals(200, alice.call("GET", "/channels/" + channelId, null).statusCode());
    }
  }
}
