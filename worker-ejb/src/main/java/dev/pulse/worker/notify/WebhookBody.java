package dev.pulse.worker.notify;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WebhookBody turns a stored notification (its kind and payload snapshot) into the Alertmanager
 * webhook body its channel receives: one alert for firing, resolved and flapping notices, up to 50
 * for a digest with a summary of how many were held back.
 */
final class WebhookBody {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private WebhookBody() {}

  static String of(Claimed n, String receiver, String externalUrl) {
    JsonObject payload;
    try (var r = READERS.createReader(new StringReader(n.payload()))) {
      payload = r.readObject();
    }
    List<NotifiedAlert> alerts = new ArrayList<>();
    Map<String, String> extra = new TreeMap<>();
    int truncated = 0;
    if ("digest".equals(n.kind())) {
      payload
          .getJsonArray("alerts")
          .forEach(a -> alerts.add(alert(a.asJsonObject(), n, externalUrl)));
      int heldBack = payload.getInt("held_back");
      truncated = Math.max(0, heldBack - alerts.size());
      extra.put(
          "summary",
          heldBack
              + " notifications were held back by the rate limit; "
              + alerts.size()
              + " listed");
    } else {
      NotifiedAlert a = alert(payload, n, externalUrl);
      alerts.add(a);
      if ("flapping".equals(n.kind())) {
        extra.put(
            "summary",
            a.labels().getOrDefault("alertname", "alert")
                + " is flapping; notifications pause until it is stable for 10 minutes");
      }
    }
    String status =
        alerts.stream().anyMatch(a -> "firing".equals(a.status())) ? "firing" : "resolved";
    Map<String, String> groupLabels = new TreeMap<>();
    if (!alerts.isEmpty() && alerts.get(0).labels().containsKey("alertname")) {
      groupLabels.put("alertname", alerts.get(0).labels().get("alertname"));
    }
    String groupKey = "{}:{rule=\"" + n.ruleId() + "\"}";
    return AlertmanagerPayload.build(
        receiver, status, groupKey, groupLabels, alerts, truncated, externalUrl, extra);
  }

  private static NotifiedAlert alert(JsonObject a, Claimed n, String externalUrl) {
    String alertId = text(a, "alert_id");
    return new NotifiedAlert(
        text(a, "status"),
        map(a.get("labels")),
        map(a.get("annotations")),
        time(a, "startsAt"),
        time(a, "endsAt"),
        text(a, "fingerprint"),
        externalUrl + "/api/v1/projects/" + n.project() + "/alerts/" + alertId);
  }

  private static String text(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : null;
  }

  private static Instant time(JsonObject o, String key) {
    String t = text(o, key);
    return t == null ? null : OffsetDateTime.parse(t).toInstant();
  }

  private static Map<String, String> map(JsonValue v) {
    Map<String, String> out = new TreeMap<>();
    if (v instanceof JsonObject o) {
      o.forEach((k, x) -> out.put(k, x instanceof JsonString s ? s.getString() : x.toString()));
    }
    return out;
  }
}
