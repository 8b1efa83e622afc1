package dev.pulse.gateway.live;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AlertMessage is one numbered alert change as the worker announced it ({@code {"seq", "project",
 * "alert"}}), read once per node and shared by every subscription it is sent to.
 */
record AlertMessage(
    long seq,
    String project,
    String alertJson,
    String ruleId,
    String alertName,
    String severity,
    String state,
    Map<String, String> frames) {

  AlertMessage(
      long seq,
      String project,
      String alertJson,
      String ruleId,
      String alertName,
      String severity,
      String state) {
    this(seq, project, alertJson, ruleId, alertName, severity, state, new ConcurrentHashMap<>());
  }

  static AlertMessage parse(String json) {
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      JsonObject m = r.readObject();
      JsonObject alert = m.getJsonObject("alert");
      JsonObject labels =
          alert.get("labels") instanceof JsonObject l ? l : JsonValue.EMPTY_JSON_OBJECT;
      return new AlertMessage(
          m.getJsonNumber("seq").longValue(),
          m.getString("project"),
          alert.toString(),
          text(alert, "rule_id"),
          text(labels, "alertname"),
          text(alert, "severity"),
          text(alert, "to"));
    }
  }

  private static String text(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s ? s.getString() : null;
  }

  /**
   * The frame for subscription {@code sub}, built once per subscription id: thousands of clients
   * subscribed as "s1" share one string instead of one copy each.
   */
  String frame(String sub) {
    return frames.computeIfAbsent(
        sub,
        s ->
            "{\"type\":\"alert\",\"sub\":"
                + Json.createValue(s)
                + ",\"seq\":"
                + seq
                + ",\"alert\":"
                + alertJson
                + "}");
  }
}
