package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.SOON;
import static it.dev.pulse.alerting.AlertingFixtures.Tenant;
import static it.dev.pulse.alerting.AlertingFixtures.checkoutRule;
import static it.dev.pulse.alerting.AlertingFixtures.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the server while a webhook is being delivered (the receiver holds the request open):
 * after the restart the notification is delivered again, with the same notification id, once its
 * lease has run out — and recorded as sent.
 */
@ExtendWith(PulseServer.class)
class DeliveryCrashIT {

  /** The outbox lease (60 s) plus a restart, with room to spare. */
  private static final Duration AFTER_RESTART = Duration.ofSeconds(150);

  @Test
  void aDeliveryCutByKillMinus9IsResumedWithTheSameNotificationId() throws Exception {
    Tenant t = Tenant.create("alert-crash");
    try (WebhookReceiver receiver = WebhookReceiver.start().hold()) {
      String channel = t.newChannel(receiver);
      // A long window: the alert must still be firing (no resolved notice) after the restart.
      t.newRule(with(checkoutRule(channel), "window", Json.createValue("10m")));
      t.sendErrors(3);
      WebhookReceiver.Request cut = receiver.await(1, SOON).get(0);
      String id = cut.header("X-Pulse-Notification-Id");
      assertNotNull(id);

      PulseServer.kill9();
      PulseServer.start();

      List<WebhookReceiver.Request> requests = receiver.await(2, AFTER_RESTART);
      WebhookReceiver.Request resumed = requests.get(1);
      assertEquals(id, resumed.header("X-Pulse-Notification-Id"), "the same notification");
      assertEquals(
          cut.json().getJsonArray("alerts").getJsonObject(0).getString("fingerprint"),
          resumed.json().getJsonArray("alerts").getJsonObject(0).getString("fingerprint"));
      JsonObject notification =
          Poll.until(
                  SOON,
                  "the notification recorded as sent",
                  () -> t.get("/notifications?channel=" + channel).getJsonArray("items"),
                  n -> n.size() == 1 && "sent".equals(n.getJsonObject(0).getString("status")))
              .getJsonObject(0);
      assertEquals(id, notification.getString("id"));
      assertEquals(2, requests.size(), "delivered once after the restart: " + requests.size());
    }
  }
}
