package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Poll;
import it.dev.pulse.support.Problems;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slack channels: an HTTP receiver stands in for Slack's incoming webhook and checks the Block Kit
 * body of a real alert and of a test notification; the URL is write-only and SSRF-guarded.
 */
@ExtendWith(PulseServer.class)
class SlackChannelIT {

  static JsonObject slackJson(String url) {
    return Json.createObjectBuilder()
        .add("name", "ops-slack")
        .add("type", "slack")
        .add("url", url)
        .build();
  }

  @Test
  void aFiringAlertArrivesAsBlockKitWithSeverityColourLabelsValueAndLink() {
    Tenant t = Tenant.create("slack-alert");
    try (WebhookReceiver slack = WebhookReceiver.start()) {
      JsonObject channel = t.expect(201, "POST", "/channels", slackJson(slack.url()).toString());
      assertEquals("slack", channel.getString("type"));
      assertFalse(channel.getString("url").contains("/hook"), "the URL is write-only: " + channel);
      assertEquals("closed", channel.getJsonObject("health").getString("state"));
      t.newRule(checkoutRule(channel.getString("id")));
      t.sendErrors(3);
      JsonObject alert = t.awaitFiring();

      WebhookReceiver.Request request = slack.await(1, SOON).get(0);
      assertEquals("application/json", request.header("Content-Type"));
      JsonObject body = request.json();
      assertEquals("FIRING: " + ALERTNAME, body.getString("text"));
      JsonObject header = body.getJsonArray("blocks").getJsonObject(0);
      assertEquals("header", header.getString("type"));
      assertEquals("FIRING: " + ALERTNAME, header.getJsonObject("text").getString("text"));

      JsonArray attachments = body.getJsonArray("attachments");
      assertEquals(1, attachments.size(), body.toString());
      JsonObject attachment = attachments.getJsonObject(0);
      assertEquals("#d93025", attachment.getString("color"), "critical is red");
      JsonObject section = attachment.getJsonArray("blocks").getJsonObject(0);
      String text = section.getJsonObject("text").getString("text");
      assertTrue(
          text.contains(
              "/live/#project="
                  + alert.getString("project")
                  + "&amp;alert="
                  + alert.getString("id")
                  + "|"
                  + ALERTNAME
                  + ">"),
          text);
      assertTrue(text.contains("*FIRING*") && text.contains("Errors on checkout-api"), text);
      JsonArray fields = section.getJsonArray("fields");
      assertEquals("*Severity*\ncritical", fields.getJsonObject(0).getString("text"));
      assertEquals("*Value*\n3", fields.getJsonObject(1).getString("text"));
      String labels = fields.getJsonObject(2).getString("text");
      assertTrue(
          labels.contains("source=checkout-api") && labels.contains("team=payments"), labels);
      awaitSent(t, alert.getString("id"));
    }
  }

  @Test
  void theTestEndpointSendsABlueInfoMessage() {
    Tenant t = Tenant.create("slack-test");
    try (WebhookReceiver slack = WebhookReceiver.start()) {
      String id =
          t.expect(201, "POST", "/channels", slackJson(slack.url()).toString()).getString("id");
      JsonObject sent = t.expect(200, "POST", "/channels/" + id + "/test", null);
      assertEquals("sent", sent.getString("status"), sent.toString());
      JsonObject body = slack.await(1, SOON).get(0).json();
      assertEquals("FIRING: PulseTest", body.getString("text"));
      assertEquals("#1a73e8", body.getJsonArray("attachments").getJsonObject(0).getString("color"));
    }
  }

  @Test
  void aSlackUrlIsGuardedAndRequired() {
    Tenant t = Tenant.create("slack-guard");
    Problems.assertProblem(
        t.call("POST", "/channels", slackJson("http://169.254.169.254/latest").toString()),
        400,
        "url");
    Problems.assertProblem(
        t.call("POST", "/channels", "{\"name\":\"s\",\"type\":\"slack\"}"), 400, "url");
    Problems.assertProblem(
        t.call(
            "POST",
            "/channels",
            Json.createObjectBuilder(slackJson("https://hooks.slack.example/x"))
                .add("secret", "0123456789abcdef-secret")
                .build()
                .toString()),
        400,
        "secret");
  }

  /** The alert's one notification, once the log shows it sent. */
  static JsonObject awaitSent(Tenant t, String alertId) {
    return Poll.until(
            SOON,
            "the notification to be sent",
            () -> t.notifications(alertId),
            n -> n.size() == 1 && "sent".equals(n.getJsonObject(0).getString("status")))
        .getJsonObject(0);
  }
}
