package dev.pulse.worker.alerting;

import dev.pulse.domain.rule.RuleDraft;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RuleJson writes a {@link RuleDraft} as the rule's JSON document (the API's field names) and reads
 * it back; it is how rules are stored, so what a client sent is what it reads.
 */
public final class RuleJson {

  private static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private RuleJson() {}

  public static String write(RuleDraft d) {
    JsonObjectBuilder o = Json.createObjectBuilder();
    put(o, "name", d.name());
    put(o, "kind", d.kind());
    put(o, "signal", d.signal());
    if (d.match() != null) {
      JsonObjectBuilder m = Json.createObjectBuilder();
      put(m, "type", d.match().type());
      put(m, "source", d.match().source());
      put(m, "name", d.match().name());
      if (d.match().tags() != null) {
        m.add("tags", map(d.match().tags()));
      }
      o.add("match", m);
    }
    put(o, "aggregate", d.aggregate());
    put(o, "window", d.window());
    if (d.groupBy() != null) {
      o.add("group_by", list(d.groupBy()));
    }
    put(o, "op", d.op());
    if (d.threshold() != null) {
      o.add("threshold", d.threshold());
    }
    if (d.recoverThreshold() != null) {
      o.add("recover_threshold", d.recoverThreshold());
    }
    put(o, "change", d.change());
    put(o, "for", d.forDuration());
    put(o, "keep_firing_for", d.keepFiringFor());
    put(o, "no_data", d.noData());
    put(o, "lookback", d.lookback());
    put(o, "severity", d.severity());
    if (d.labels() != null) {
      o.add("labels", map(d.labels()));
    }
    if (d.annotations() != null) {
      o.add("annotations", map(d.annotations()));
    }
    if (d.channels() != null) {
      o.add("channels", list(d.channels()));
    }
    if (d.maxNotificationsPerMinute() != null) {
      o.add("max_notifications_per_minute", d.maxNotificationsPerMinute());
    }
    if (d.enabled() != null) {
      o.add("enabled", d.enabled());
    }
    return o.build().toString();
  }

  public static RuleDraft read(String json) {
    JsonObject o;
    try (var reader = READERS.createReader(new StringReader(json))) {
      o = reader.readObject();
    }
    JsonObject m = o.containsKey("match") ? o.getJsonObject("match") : null;
    return new RuleDraft(
        str(o, "name"),
        str(o, "kind"),
        str(o, "signal"),
        m == null
            ? null
            : new RuleDraft.MatchDraft(
                str(m, "type"), str(m, "source"), str(m, "name"), map(m, "tags")),
        str(o, "aggregate"),
        str(o, "window"),
        strings(o, "group_by"),
        str(o, "op"),
        num(o, "threshold"),
        num(o, "recover_threshold"),
        str(o, "change"),
        str(o, "for"),
        str(o, "keep_firing_for"),
        str(o, "no_data"),
        str(o, "lookback"),
        str(o, "severity"),
        map(o, "labels"),
        map(o, "annotations"),
        strings(o, "channels"),
        o.containsKey("max_notifications_per_minute")
            ? o.getInt("max_notifications_per_minute")
            : null,
        o.containsKey("enabled") ? o.getBoolean("enabled") : null);
  }

  private static void put(JsonObjectBuilder o, String key, String value) {
    if (value != null) {
      o.add(key, value);
    }
  }

  private static JsonObjectBuilder map(Map<String, String> m) {
    JsonObjectBuilder b = Json.createObjectBuilder();
    new java.util.TreeMap<>(m).forEach(b::add);
    return b;
  }

  private static JsonArrayBuilder list(List<String> l) {
    JsonArrayBuilder b = Json.createArrayBuilder();
    l.forEach(b::add);
    return b;
  }

  private static String str(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonString s ? s.getString() : null;
  }

  private static Double num(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v instanceof JsonNumber n ? n.doubleValue() : null;
  }

  private static Map<String, String> map(JsonObject o, String key) {
    JsonValue v = o.get(key);
    if (!(v instanceof JsonObject obj)) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    obj.forEach((k, x) -> out.put(k, x instanceof JsonString s ? s.getString() : x.toString()));
    return out;
  }

  private static List<String> strings(JsonObject o, String key) {
    JsonValue v = o.get(key);
    if (!(v instanceof jakarta.json.JsonArray a)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    a.forEach(x -> out.add(x instanceof JsonString s ? s.getString() : x.toString()));
    return out;
  }
}
