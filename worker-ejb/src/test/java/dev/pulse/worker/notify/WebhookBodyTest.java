package dev.pulse.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The digest arithmetic: up to 50 alerts listed, the rest counted, the summary saying so. */
class WebhookBodyTest {

  private static final Instant NOW = Instant.now();

  private static JsonObject alert(int i) {
    return Json.createObjectBuilder()
        .add("status", "firing")
        .add("labels", Json.createObjectBuilder().add("alertname", "Storm").add("host", "h" + i))
        .add("annotations", Json.createObjectBuilder())
        .add("startsAt", NOW.minusSeconds(60).toString())
        .add("fingerprint", "fp" + i)
        .add("alert_id", UUID.randomUUID().toString())
        .build();
  }

  private static Claimed digest(int listed, int heldBack) {
    JsonArrayBuilder alerts = Json.createArrayBuilder();
    for (int i = 0; i < listed; i++) {
      alerts.add(alert(i));
    }
    String payload =
        Json.createObjectBuilder()
            .add("alerts", alerts)
            .add("held_back", heldBack)
            .build()
            .toString();
    return new Claimed(
        UUID.randomUUID(),
        "p",
        null,
        UUID.randomUUID(),
        UUID.randomUUID(),
        "digest",
        payload,
        true,
        0,
        null,
        NOW,
        null);
  }

  private static JsonObject body(Claimed n) {
    return Json.createReader(new StringReader(WebhookBody.of(n, "ops", "http://pulse")))
        .readObject();
  }

  @Test
  void aDigestListsWhatItCarriesAndCountsTheRestAsTruncated() {
    JsonObject b = body(digest(50, 490));
    assertEquals(50, b.getJsonArray("alerts").size());
    assertEquals(440, b.getInt("truncatedAlerts"));
    assertEquals(
        "490 alerts had notifications held back by the rate limit; 50 listed",
        b.getJsonObject("commonAnnotations").getString("summary"));
    assertEquals("firing", b.getString("status"));
  }

  @Test
  void aSmallDigestTruncatesNothing() {
    JsonObject b = body(digest(3, 3));
    assertEquals(3, b.getJsonArray("alerts").size());
    assertEquals(0, b.getInt("truncatedAlerts"));
  }

  @Test
  void aFiringNoticeIsOneAlertWithoutADigestSummary() {
    Claimed n =
        new Claimed(
            UUID.randomUUID(),
            "p",
            UUID.randomUUID(),
            UUID.randomUUID(),
            UUID.randomUUID(),
            "firing",
            alert(7).toString(),
            true,
            0,
            null,
            NOW,
            null);
    JsonObject b = body(n);
    assertEquals(1, b.getJsonArray("alerts").size());
    assertEquals(0, b.getInt("truncatedAlerts"));
    assertFalse(b.getJsonObject("commonAnnotations").containsKey("summary"));
    assertTrue(
        b.getJsonArray("alerts")
            .getJsonObject(0)
            .getString("generatorURL")
            .startsWith("http://pulse/api/v1/projects/p/alerts/"));
  }
}
