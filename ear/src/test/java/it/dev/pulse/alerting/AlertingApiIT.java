package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static it.dev.pulse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The alerting API's edges: invalid rules and channels refused naming the field, unknown filter
 * values refused naming the parameter and its values, channel secrets never shown, test
 * notifications, and another project's ids answering 404.
 */
@ExtendWith(PulseServer.class)
class AlertingApiIT {

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

      JsonObject sent = t.expect(200, "POST", "/channels/" + id + "/test", null);
      assertEquals("sent", sent.getString("status"), sent.toString());
      assertEquals(200, sent.getInt("http_status"), sent.toString());
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
  void unknownValuesOfEnumeratedFiltersAreRefusedNamingTheParameterAndItsValues() {
    Tenant t = Tenant.create("alert-enum");
    JsonObject severity =
        assertProblem(t.call("GET", "/alerts?severity=huge", null), 400, "severity");
    for (String value : List.of("critical", "error", "warning", "info")) {
      assertTrue(severity.getString("detail").contains(value), severity.toString());
    }
    JsonObject state = assertProblem(t.call("GET", "/alerts?state=on", null), 400, "state");
    assertTrue(state.getString("detail").contains("firing"), state.toString());
    JsonObject status =
        assertProblem(t.call("GET", "/notifications?status=lost", null), 400, "status");
    assertTrue(status.getString("detail").contains("throttled"), status.toString());
    JsonObject silences =
        assertProblem(t.call("GET", "/silences?state=muting", null), 400, "state");
    assertTrue(silences.getString("detail").contains("expired"), silences.toString());

    assertTrue(t.alerts("?severity=critical").isEmpty(), "a known value still filters");
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
