package dev.pulse.worker.notify;

import static dev.pulse.worker.notify.Notices.PULSE;
import static dev.pulse.worker.notify.Notices.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The Block Kit body: header, one coloured attachment per alert, escaped text, links. */
class SlackMessageTest {

  private static JsonObject body(Notice n) {
    return Json.createReader(new StringReader(SlackMessage.of(n, PULSE))).readObject();
  }

  @Test
  void aFiringAlertHasAHeaderAndARedAttachmentWithSeverityValueLabelsAndLink() {
    JsonObject b = body(Notices.single(alert("a1", "firing", "Checkout errors", "critical", "s")));
    JsonObject header = b.getJsonArray("blocks").getJsonObject(0);
    assertEquals("header", header.getString("type"));
    assertEquals("FIRING: Checkout errors", header.getJsonObject("text").getString("text"));
    assertEquals("FIRING: Checkout errors", b.getString("text"));
    JsonArray attachments = b.getJsonArray("attachments");
    assertEquals(1, attachments.size());
    JsonObject a = attachments.getJsonObject(0);
    assertEquals(SlackMessage.RED, a.getString("color"));
    JsonObject section = a.getJsonArray("blocks").getJsonObject(0);
    assertEquals("section", section.getString("type"));
    String text = section.getJsonObject("text").getString("text");
    assertTrue(
        text.startsWith(
            "*<https://pulse.example/live/#project=shop&amp;alert=a1|Checkout errors>*"),
        text);
    JsonArray fields = section.getJsonArray("fields");
    assertEquals("*Severity*\ncritical", fields.getJsonObject(0).getString("text"));
    assertEquals("*Value*\n3", fields.getJsonObject(1).getString("text"));
    assertTrue(fields.getJsonObject(2).getString("text").contains("source=checkout-api"));
  }

  @Test
  void coloursFollowSeverityAndResolvedIsGreen() {
    assertEquals(SlackMessage.ORANGE, color(alert("a", "firing", "n", "warning", "s")));
    assertEquals(SlackMessage.BLUE, color(alert("a", "firing", "n", "info", "s")));
    assertEquals(SlackMessage.GREEN, color(alert("a", "resolved", "n", "critical", "s")));
  }

  @Test
  void mrkdwnControlCharactersInAlertTextAreEscaped() {
    JsonObject b =
        body(Notices.single(alert("a1", "firing", "A <b> & c", "critical", "<!channel> & <x>")));
    String text =
        b.getJsonArray("attachments")
            .getJsonObject(0)
            .getJsonArray("blocks")
            .getJsonObject(0)
            .getJsonObject("text")
            .getString("text");
    assertTrue(text.contains("|A &lt;b&gt; &amp; c>*"), text);
    assertTrue(text.contains("&lt;!channel&gt; &amp; &lt;x&gt;"), text);
    assertFalse(text.contains("<!channel>"), text);
  }

  @Test
  void aGroupListsItsAlertsAndSaysHowManyFiredAndResolved() {
    JsonObject b =
        body(
            Notices.group(
                false,
                alert("a1", "firing", "Storm", "critical", "s"),
                alert("a2", "resolved", "Storm", "critical", "s")));
    assertEquals(
        "FIRING: 1 firing, 1 resolved in alertname=Storm",
        b.getJsonArray("blocks").getJsonObject(0).getJsonObject("text").getString("text"));
    assertEquals(2, b.getJsonArray("attachments").size());
    assertEquals(
        SlackMessage.GREEN, b.getJsonArray("attachments").getJsonObject(1).getString("color"));
  }

  @Test
  void aFallbackSaysWhichChannelItWasMeantFor() {
    JsonObject b =
        body(Notices.fallback(alert("a1", "firing", "Checkout errors", "critical", "s")));
    String context =
        b.getJsonArray("blocks")
            .getJsonObject(1)
            .getJsonArray("elements")
            .getJsonObject(0)
            .getString("text");
    assertTrue(context.contains("Fallback") && context.contains("*ops-slack*"), context);
    assertTrue(context.contains("circuit open"), context);
  }

  private static String color(JsonObject alert) {
    return body(Notices.single(alert))
        .getJsonArray("attachments")
        .getJsonObject(0)
        .getString("color");
  }
}
