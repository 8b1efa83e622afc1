package dev.pulse.worker.notify;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** Stored notifications as the outbox holds them, for the rendering tests. */
final class Notices {

  static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  static final String PULSE = "https://pulse.example";

  private Notices() {}

  static JsonObject alert(String id, String status, String name, String severity, String summary) {
    return Json.createObjectBuilder()
        .add("status", status)
        .add(
            "labels",
            Json.createObjectBuilder()
                .add("alertname", name)
                .add("severity", severity)
                .add("source", "checkout-api"))
        .add("annotations", Json.createObjectBuilder().add("summary", summary))
        .add("startsAt", NOW.minusSeconds(60).toString())
        .add("fingerprint", "fp-" + id)
        .add("alert_id", id)
        .add("value", 3)
        .build();
  }

  static Claimed claimed(String kind, JsonObject payload) {
    return new Claimed(
        UUID.randomUUID(),
        "shop",
        null,
        UUID.randomUUID(),
        UUID.randomUUID(),
        kind,
        payload.toString(),
        true,
        0,
        null,
        NOW,
        null);
  }

  static Notice single(JsonObject alert) {
    return Notice.of(claimed("firing", alert), PULSE);
  }

  static Notice group(boolean repeat, JsonObject... alerts) {
    JsonArrayBuilder list = Json.createArrayBuilder();
    for (JsonObject a : alerts) {
      list.add(a);
    }
    JsonObject payload =
        Json.createObjectBuilder()
            .add("group_labels", Json.createObjectBuilder().add("alertname", "Storm"))
            .add("repeat", repeat)
            .add("truncated", 0)
            .add("alerts", list)
            .build();
    return Notice.of(claimed("group", payload), PULSE);
  }

  static Notice fallback(JsonObject alert) {
    JsonObject payload =
        Json.createObjectBuilder(alert)
            .add(
                "fallback",
                Json.createObjectBuilder()
                    .add("channel", "ops-slack")
                    .add("channel_id", UUID.randomUUID().toString())
                    .add("reason", "circuit open"))
            .build();
    return Notice.of(claimed("firing", payload), PULSE);
  }
}
