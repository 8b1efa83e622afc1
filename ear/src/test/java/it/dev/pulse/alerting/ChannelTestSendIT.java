package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A channel test answers what became of its first attempt (Grafana's contact-point test): 200 with
 * status sent or failed, the error, the receiver's HTTP status and the time it took. Nothing here
 * listens on the test server's SMTP port (EmailChannelIT's GreenMail runs only during that class),
 * so mail is refused there.
 */
@ExtendWith(PulseServer.class)
class ChannelTestSendIT {

  private static final Set<String> FIELDS =
      Set.of("status", "error", "http_status", "duration_ms", "notification_id");

  private static JsonObject test(Tenant t, String channel) {
    JsonObject result = t.expect(200, "POST", "/channels/" + channel + "/test", null);
    assertEquals(FIELDS, result.keySet(), result.toString());
    assertTrue(result.getJsonNumber("duration_ms").longValue() >= 0, result.toString());
    return result;
  }

  @Test
  void aTestToAnEmailChannelWhoseSmtpServerIsDownAnswersFailedWithTheError() {
    Tenant t = Tenant.create("test-send-mail");
    JsonObject channel =
        t.expect(
            201,
            "POST",
            "/channels",
            Json.createObjectBuilder()
                .add("name", "mail")
                .add("type", "email")
                .add("recipients", Json.createArrayBuilder().add("oncall@pulse.test"))
                .build()
                .toString());
    assertFalse(channel.containsKey("warning"), "an SMTP server is configured: " + channel);

    JsonObject result = test(t, channel.getString("id"));
    assertEquals("failed", result.getString("status"), result.toString());
    assertFalse(result.isNull("error") || result.getString("error").isBlank(), result.toString());
    assertTrue(result.isNull("http_status"), result.toString());

    // The log shows the same attempt.
    JsonObject logged =
        t.get("/notifications?channel=" + channel.getString("id"))
            .getJsonArray("items")
            .getJsonObject(0);
    assertEquals(result.getString("notification_id"), logged.getString("id"));
    assertEquals("test", logged.getString("kind"));
    assertEquals(
        result.getString("error"),
        logged.getJsonArray("attempts").getJsonObject(0).getString("error"));
  }

  @Test
  void aTestToAWebhookAnsweringAnErrorAnswersFailedWithItsHttpStatus() {
    Tenant t = Tenant.create("test-send-500");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      receiver.answer(500);
      JsonObject result = test(t, t.newChannel(receiver));
      assertEquals("failed", result.getString("status"), result.toString());
      assertEquals(500, result.getInt("http_status"), result.toString());
      assertTrue(result.getString("error").startsWith("HTTP 500"), result.toString());
    }
  }

  @Test
  void aTestToAWebhookNobodyListensOnAnswersFailed() {
    Tenant t = Tenant.create("test-send-closed");
    String channel =
        t.expect(
                201,
                "POST",
                "/channels",
                Json.createObjectBuilder()
                    .add("name", "nowhere")
                    .add("type", "webhook")
                    .add("url", "http://127.0.0.1:9/hook")
                    .build()
                    .toString())
            .getString("id");
    JsonObject result = test(t, channel);
    assertEquals("failed", result.getString("status"), result.toString());
    assertFalse(result.getString("error").isBlank(), result.toString());
    assertTrue(result.isNull("http_status"), result.toString());
  }

  @Test
  void aTestThatArrivesAnswersSent() {
    Tenant t = Tenant.create("test-send-ok");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonObject result = test(t, t.newChannel(receiver));
      assertEquals("sent", result.getString("status"), result.toString());
      assertEquals(200, result.getInt("http_status"), result.toString());
      assertTrue(result.isNull("error"), result.toString());
      assertEquals(
          result.getString("notification_id"),
          receiver.await(1, SOON).get(0).header("X-Pulse-Notification-Id"));
    }
  }
}
