package dev.pulse.gateway.live;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * ClientMessage reads one client message and checks it field by field; anything wrong is an {@link
 * Invalid} naming the field, answered with an error frame (the connection stays open).
 */
record ClientMessage(
    String op,
    String id,
    String project,
    String stream,
    Set<String> severities,
    Set<String> rules,
    Set<String> states,
    Set<String> names,
    Map<String, String> tags,
    Long since,
    String token) {

  static final int MAX_LIST = 100;
  static final Set<String> STATES = Set.of("pending", "firing", "resolved", "acknowledged");

  /** A bad message: the status and detail of its error frame, and the subscription it named. */
  static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String sub;

    Invalid(int status, String sub, String detail) {
      super(detail, null, false, false);
      this.status = status;
      this.sub = sub;
    }
  }

  static ClientMessage parse(String text) {
    JsonObject o;
    try (JsonReader r = Json.createReader(new StringReader(text))) {
      JsonValue v = r.readValue();
      if (!(v instanceof JsonObject obj)) {
        throw new Invalid(400, null, "a message is a JSON object with an \"op\"");
      }
      o = obj;
    } catch (JsonException e) {
      throw new Invalid(400, null, "not JSON: " + e.getMessage());
    }
    String op = string(o, "op", null, true);
    String id = string(o, "id", null, false);
    return switch (op) {
      case "ping" -> simple(op, null, null);
      case "auth" -> simple(op, null, string(o, "token", null, true));
      case "unsubscribe" -> simple(op, required(id, "id", null), null);
      case "subscribe" -> subscribe(o, required(id, "id", null));
      default ->
          throw new Invalid(
              400, id, "unknown op \"" + op + "\": use subscribe, unsubscribe, ping or auth");
    };
  }

  private static ClientMessage simple(String op, String id, String token) {
    return new ClientMessage(
        op, id, null, null, Set.of(), Set.of(), Set.of(), Set.of(), Map.of(), null, token);
  }

  private static ClientMessage subscribe(JsonObject o, String id) {
    if (id.length() > 64) {
      throw new Invalid(400, null, "id: at most 64 characters");
    }
    String project = string(o, "project", id, true);
    String stream = string(o, "stream", id, true);
    switch (stream) {
      case "alerts" -> {
        JsonObject filter = object(o, "filter", id);
        Set<String> states = list(filter, "state", "filter.state", id);
        for (String s : states) {
          if (!STATES.contains(s)) {
            throw new Invalid(400, id, "filter.state: \"" + s + "\" is not one of " + STATES);
          }
        }
        Long since = null;
        if (o.containsKey("since") && o.get("since") != JsonValue.NULL) {
          if (!(o.get("since") instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 0) {
            throw new Invalid(400, id, "since: a sequence number (an integer, 0 or more)");
          }
          since = n.longValue();
        }
        return new ClientMessage(
            "subscribe",
            id,
            project,
            stream,
            list(filter, "severity", "filter.severity", id),
            list(filter, "rule", "filter.rule", id),
            states,
            Set.of(),
            Map.of(),
            since,
            null);
      }
      case "metrics" -> {
        Set<String> names = list(o, "names", "names", id);
        if (names.isEmpty()) {
          throw new Invalid(400, id, "names: at least one metric name");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        object(o, "tags", id)
            .forEach(
                (k, v) -> {
                  if (!(v instanceof JsonString s)) {
                    throw new Invalid(400, id, "tags." + k + ": a string");
                  }
                  tags.put(k, s.getString());
                });
        return new ClientMessage(
            "subscribe",
            id,
            project,
            stream,
            Set.of(),
            Set.of(),
            Set.of(),
            names,
            tags,
            null,
            null);
      }
      default -> throw new Invalid(400, id, "stream: \"alerts\" or \"metrics\"");
    }
  }

  private static String required(String value, String field, String sub) {
    if (value == null) {
      throw new Invalid(400, sub, field + ": required");
    }
    return value;
  }

  private static String string(JsonObject o, String field, String sub, boolean required) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      if (required) {
        throw new Invalid(400, sub, field + ": required");
      }
      return null;
    }
    if (!(v instanceof JsonString s) || s.getString().isBlank()) {
      throw new Invalid(400, sub, field + ": a non-empty string");
    }
    return s.getString();
  }

  private static JsonObject object(JsonObject o, String field, String sub) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    if (!(v instanceof JsonObject obj)) {
      throw new Invalid(400, sub, field + ": an object");
    }
    return obj;
  }

  private static Set<String> list(JsonObject o, String field, String path, String sub) {
    JsonValue v = o.get(field);
    if (v == null || v == JsonValue.NULL) {
      return Set.of();
    }
    if (!(v instanceof JsonArray a) || a.size() > MAX_LIST) {
      throw new Invalid(400, sub, path + ": a list of at most " + MAX_LIST + " strings");
    }
    Set<String> out = new LinkedHashSet<>();
    for (JsonValue item : a) {
      if (!(item instanceof JsonString s)) {
        throw new Invalid(400, sub, path + ": a list of strings");
      }
      out.add(s.getString());
    }
    return out;
  }
}
