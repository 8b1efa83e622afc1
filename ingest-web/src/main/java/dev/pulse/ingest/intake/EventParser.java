package dev.pulse.ingest.intake;

import dev.pulse.domain.event.EventIds;
import dev.pulse.domain.event.EventRules;
import dev.pulse.domain.event.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * EventParser checks one JSON event against the API's rules and, when it passes, writes the
 * canonical stream JSON for it (column names of the events table, UTC timestamps truncated to
 * microseconds as PostgreSQL stores them). All problems are reported, each naming its field.
 */
public final class EventParser {

  private EventParser() {}

  /** The result: exactly one of {@code event} and a non-empty {@code errors}. */
  public record Result(ParsedEvent event, List<FieldError> errors) {
    public boolean ok() {
      return event != null;
    }
  }

  /** Parses the native format {@code {id?, type, source, timestamp?, value?, tags?, payload?}}. */
  public static Result parse(JsonValue input, String project, Instant now) {
    if (!(input instanceof JsonObject json)) {
      return failed(new FieldError("$", "an event must be a JSON object"));
    }
    return build(json, project, now, "source");
  }

  /** Parses the PulseMetrics format {@code {type, name, value?, tags?}}: name becomes the source. */
  public static Result parseCompat(JsonValue input, String project, Instant now) {
    if (!(input instanceof JsonObject json)) {
      return failed(new FieldError("$", "a metric must be a JSON object"));
    }
    return build(json, project, now, "name");
  }

  private static Result build(JsonObject json, String project, Instant now, String sourceField) {
    List<FieldError> errors = new ArrayList<>();
    UUID id = readId(json, errors);
    String type = readString(json, "type", errors);
    String source = readString(json, sourceField, errors);
    if (!isWrongType(json, "type")) {
      errors.addAll(EventRules.checkType(type));
    }
    if (!isWrongType(json, sourceField)) {
      rename(EventRules.checkSource(source), sourceField, errors);
    }
    Instant occurredAt = readTimestamp(json, now, errors);
    Double value = readValue(json, errors);
    Map<String, String> tags = readTags(json, errors);
    String payload = readPayload(json, errors);
    if (!errors.isEmpty()) {
      return new Result(null, List.copyOf(errors));
    }
    String canonical =
        write(id, project, type, source, occurredAt, now.truncatedTo(ChronoUnit.MICROS), value, tags, payload);
    return new Result(new ParsedEvent(id, canonical), List.of());
  }

  private static UUID readId(JsonObject json, List<FieldError> errors) {
    JsonValue raw = json.get("id");
    if (raw == null || raw == JsonValue.NULL) {
      return EventIds.next();
    }
    if (raw instanceof JsonString s) {
      try {
        UUID id = UUID.fromString(s.getString());
        if (id.toString().equalsIgnoreCase(s.getString())) {
          return id;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
    }
    errors.add(new FieldError("id", "id must be a UUID such as 3f0c1c9e-8a4b-4d0e-9c55-5b7d6f0e2a11"));
    return null;
  }

  private static String readString(JsonObject json, String field, List<FieldError> errors) {
    JsonValue raw = json.get(field);
    if (raw == null || raw == JsonValue.NULL) {
      return null;
    }
    if (raw instanceof JsonString s) {
      return s.getString();
    }
    errors.add(new FieldError(field, field + " must be a string"));
    return null;
  }

  private static boolean isWrongType(JsonObject json, String field) {
    JsonValue raw = json.get(field);
    return raw != null && raw != JsonValue.NULL && !(raw instanceof JsonString);
  }

  private static Instant readTimestamp(JsonObject json, Instant now, List<FieldError> errors) {
    JsonValue raw = json.get("timestamp");
    if (raw == null || raw == JsonValue.NULL) {
      return now.truncatedTo(ChronoUnit.MICROS);
    }
    if (raw instanceof JsonString s) {
      try {
        Instant parsed = OffsetDateTime.parse(s.getString(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        int utcYear = parsed.atOffset(java.time.ZoneOffset.UTC).getYear();
        if (utcYear >= 1 && utcYear <= 9999) {
          return parsed.truncatedTo(ChronoUnit.MICROS);
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    errors.add(
        new FieldError("timestamp", "timestamp must be an RFC 3339 date-time such as 2026-11-23T09:00:00.000Z"));
    return null;
  }

  private static Double readValue(JsonObject json, List<FieldError> errors) {
    JsonValue raw = json.get("value");
    if (raw == null || raw == JsonValue.NULL) {
      return null;
    }
    if (raw instanceof JsonNumber n) {
      double v = n.doubleValue();
      if (Double.isFinite(v)) {
        return v;
      }
      errors.add(new FieldError("value", "value is out of the range of a double"));
      return null;
    }
    errors.add(new FieldError("value", "value must be a number"));
    return null;
  }

  private static Map<String, String> readTags(JsonObject json, List<FieldError> errors) {
    JsonValue raw = json.get("tags");
    if (raw == null || raw == JsonValue.NULL) {
      return Map.of();
    }
    if (!(raw instanceof JsonObject object)) {
      errors.add(new FieldError("tags", "tags must be an object of string values"));
      return Map.of();
    }
    Map<String, String> tags = new LinkedHashMap<>();
    object.forEach(
        (key, value) -> {
          if (value instanceof JsonString s) {
            tags.put(key, s.getString());
          } else {
            errors.add(new FieldError("tags." + key, "tag values must be strings"));
          }
        });
    errors.addAll(EventRules.checkTags(tags));
    return tags;
  }

  /** The payload's compact JSON text, which is both measured and written to the stream. */
  private static String readPayload(JsonObject json, List<FieldError> errors) {
    JsonValue raw = json.get("payload");
    if (raw == null || raw == JsonValue.NULL) {
      return null;
    }
    if (!(raw instanceof JsonObject object)) {
      errors.add(new FieldError("payload", "payload must be a JSON object"));
      return null;
    }
    StringBuilder compact = new StringBuilder(256);
    value(compact, object);
    String text = compact.toString();
    errors.addAll(EventRules.checkPayloadSize(text.getBytes(StandardCharsets.UTF_8).length));
    return text;
  }

  private static String write(
      UUID id, String project, String type, String source, Instant occurredAt, Instant receivedAt,
      Double value, Map<String, String> tags, String payloadJson) {
    // Hand-written rather than a JsonGenerator: this runs for every event on the hot path.
    StringBuilder out = new StringBuilder(192 + (payloadJson == null ? 0 : payloadJson.length()));
    out.append("{\"id\":\"").append(id)
        .append("\",\"project\":");
    string(out, project);
    out.append(",\"type\":");
    string(out, type);
    out.append(",\"source\":");
    string(out, source);
    out.append(",\"occurred_at\":\"").append(occurredAt)
        .append("\",\"received_at\":\"").append(receivedAt).append('"');
    if (value != null) {
      out.append(",\"value\":").append(value.doubleValue());
    }
    out.append(",\"tags\":{");
    boolean first = true;
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      string(out, tag.getKey());
      out.append(':');
      string(out, tag.getValue());
    }
    out.append('}');
    if (payloadJson != null) {
      out.append(",\"payload\":").append(payloadJson);
    }
    return out.append('}').toString();
  }

  /** Appends any JSON value compactly (Parsson's toString costs a writer and a generator per call). */
  static void value(StringBuilder out, JsonValue v) {
    switch (v.getValueType()) {
      case OBJECT -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonValue> e : ((JsonObject) v).entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(out, e.getKey());
          out.append(':');
          value(out, e.getValue());
        }
        out.append('}');
      }
      case ARRAY -> {
        out.append('[');
        boolean first = true;
        for (JsonValue item : (jakarta.json.JsonArray) v) {
          if (!first) {
            out.append(',');
          }
          first = false;
          value(out, item);
        }
        out.append(']');
      }
      case STRING -> string(out, ((JsonString) v).getString());
      default -> out.append(v); // numbers as written, true, false, null
    }
  }

  /** Appends {@code s} as a JSON string literal (RFC 8259 escaping). */
  static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static void rename(List<FieldError> found, String field, List<FieldError> into) {
    for (FieldError e : found) {
      into.add(new FieldError(field, e.message().replace("source", field)));
    }
  }

  private static Result failed(FieldError error) {
    return new Result(null, List.of(error));
  }
}
