package dev.pulse.worker.notify;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
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
 * Notice is a stored notification read back for sending, whatever the channel type: its alerts (one
 * for firing, resolved, flapping and test notices; several for digests and group messages), a
 * summary line when it needs one, the group it reports on, and whether it stands in for a
 * notification another channel could not deliver.
 *
 * @param truncated alerts it stands for but does not list
 * @param summary null for a plain firing or resolved notice
 * @param groupLabels the labels a group message's alerts share; empty otherwise
 * @param fallback null unless sent on a fallback channel
 */
public record Notice(
    String id,
    String kind,
    String project,
    String ruleId,
    List<Item> items,
    int truncated,
    String summary,
    Map<String, String> groupLabels,
    Fallback fallback) {

  /** One alert of the notice, with what is not in Alertmanager's shape. */
  public record Item(String alertId, Double value, NotifiedAlert alert) {}

  /** The channel a fallback notice was meant for, and why it did not get it. */
  public record Fallback(String channel, String reason) {}

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  static Notice of(Claimed n, String externalUrl) {
    JsonObject payload;
    try (var r = READERS.createReader(new StringReader(n.payload()))) {
      payload = r.readObject();
    }
    List<Item> items = new ArrayList<>();
    int truncated = 0;
    String summary = null;
    Map<String, String> groupLabels = new TreeMap<>();
    if ("digest".equals(n.kind()) || "group".equals(n.kind())) {
      payload
          .getJsonArray("alerts")
          .forEach(a -> items.add(item(a.asJsonObject(), n, externalUrl)));
      if ("digest".equals(n.kind())) {
        int heldBack = payload.getInt("held_back");
        truncated = Math.max(0, heldBack - items.size());
        summary =
            heldBack
                + (heldBack == 1 ? " alert" : " alerts")
                + " had notifications held back by the rate limit; "
                + items.size()
                + " listed";
      } else {
        truncated = payload.getInt("truncated", 0);
        groupLabels.putAll(map(payload.get("group_labels")));
        summary = groupSummary(items, truncated, payload.getBoolean("repeat", false));
      }
    } else {
      Item item = item(payload, n, externalUrl);
      items.add(item);
      if ("flapping".equals(n.kind())) {
        summary =
            item.alert().labels().getOrDefault("alertname", "alert")
                + " is flapping; notifications pause until it is stable for 10 minutes";
      }
    }
    Fallback fallback =
        payload.get("fallback") instanceof JsonObject f
            ? new Fallback(text(f, "channel"), text(f, "reason"))
            : null;
    return new Notice(
        n.id().toString(),
        n.kind(),
        n.project(),
        n.ruleId() == null ? null : n.ruleId().toString(),
        items,
        truncated,
        summary,
        groupLabels,
        fallback);
  }

  /** "firing" while any listed alert fires, else "resolved". */
  String status() {
    return items.stream().anyMatch(i -> "firing".equals(i.alert().status()))
        ? "firing"
        : "resolved";
  }

  long count(String status) {
    return items.stream().filter(i -> status.equals(i.alert().status())).count();
  }

  private static String groupSummary(List<Item> items, int truncated, boolean repeat) {
    long firing = items.stream().filter(i -> "firing".equals(i.alert().status())).count();
    String text =
        repeat
            ? firing + " still firing"
            : firing + " firing, " + (items.size() - firing) + " resolved";
    return truncated > 0 ? text + " (" + truncated + " more not listed)" : text;
  }

  private static Item item(JsonObject a, Claimed n, String externalUrl) {
    String alertId = text(a, "alert_id");
    Double value = a.get("value") instanceof JsonNumber v ? v.doubleValue() : null;
    return new Item(
        alertId,
        value,
        new NotifiedAlert(
            text(a, "status"),
            map(a.get("labels")),
            map(a.get("annotations")),
            time(a, "startsAt"),
            time(a, "endsAt"),
            text(a, "fingerprint"),
            externalUrl + "/api/v1/projects/" + n.project() + "/alerts/" + alertId));
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
