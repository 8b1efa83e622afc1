package dev.pulse.ingest.intake;

import dev.pulse.domain.event.EventIds;
import dev.pulse.domain.event.EventRules;
import dev.pulse.domain.event.FieldError;
import jakarta.json.stream.JsonParser;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
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

  /**
   * Reads one native-format event from a streaming parser whose last event was the event's
   * START_OBJECT, leaving it on the matching END_OBJECT. No tree is built for the event: this is
   * the hot path of batch ingestion.
   */
  public static Result read(JsonParser parser, String project, Instant now) {
    return build(parser, project, now, SOURCE);
  }

  /** Like {@link #read} for the PulseMetrics format. */
  public static Result readCompat(JsonParser parser, String project, Instant now) {
    return build(parser, project, now, "name");
  }

  private static final String SOURCE = "source";

  /** Errors are listed in the order of the documented fields, whatever order the body had. */
  private static final List<String> FIELD_ORDER =
      List.of("$", "id", "type", "source", "name", "timestamp", "value", "tags", "payload");

  /** The fields of one event as they were read; absent fields stay null. */
  private static final class Fields {
    String id;
    String type;
    String source;
    String timestamp;
    Double value;
    Map<String, String> tags = Map.of();
    String payload;
    final List<FieldError> errors = new ArrayList<>(0);
    boolean typeMistyped;
    boolean sourceMistyped;
  }

  private static Result build(JsonParser p, String project, Instant now, String sourceField) {
    Fields f = new Fields();
    JsonParser.Event e;
    while ((e = p.next()) != JsonParser.Event.END_OBJECT) {
      String key = p.getString();
      e = p.next();
      if (key.equals("type")) {
        f.type = string(p, e, "type", f);
        f.typeMistyped = isMistyped(e);
      } else if (key.equals(sourceField)) {
        f.source = string(p, e, sourceField, f);
        f.sourceMistyped = isMistyped(e);
      } else if (key.equals("id")) {
        f.id =
            e == JsonParser.Event.VALUE_NULL
                ? null
                : e == JsonParser.Event.VALUE_STRING ? p.getString() : skip(p, e, "");
      } else if (key.equals("timestamp")) {
        f.timestamp =
            e == JsonParser.Event.VALUE_NULL
                ? null
                : e == JsonParser.Event.VALUE_STRING ? p.getString() : skip(p, e, "");
      } else if (key.equals("value")) {
        f.value = number(p, e, f.errors);
      } else if (key.equals("tags")) {
        f.tags = tags(p, e, f.errors);
      } else if (key.equals("payload") && sourceField.equals(SOURCE)) {
        f.payload = payload(p, e, f);
      } else {
        skip(p, e, null); // unknown fields are ignored
      }
    }
    List<FieldError> errors = f.errors;
    UUID id = toId(f.id, errors);
    if (!f.typeMistyped) {
      errors.addAll(EventRules.checkType(f.type));
    }
    if (!f.sourceMistyped) {
      rename(EventRules.checkSource(f.source), sourceField, errors);
    }
    Instant occurredAt = toTimestamp(f.timestamp, now, errors);
    if (!f.tags.isEmpty()) {
      errors.addAll(EventRules.checkTags(f.tags));
    }
    if (!errors.isEmpty()) {
      errors.sort(Comparator.comparingInt(err -> FIELD_ORDER.indexOf(err.field().split("\\.")[0])));
      return new Result(null, List.copyOf(errors));
    }
    String canonical =
        CanonicalJson.event(
            id,
            project,
            f.type,
            f.source,
            occurredAt,
            now.truncatedTo(ChronoUnit.MICROS),
            f.value,
            f.tags,
            f.payload);
    return new Result(new ParsedEvent(id, canonical), List.of());
  }

  private static boolean isMistyped(JsonParser.Event e) {
    return e != JsonParser.Event.VALUE_STRING && e != JsonParser.Event.VALUE_NULL;
  }

  private static String string(JsonParser p, JsonParser.Event e, String field, Fields f) {
    if (e == JsonParser.Event.VALUE_STRING) {
      return p.getString();
    }
    if (e != JsonParser.Event.VALUE_NULL) {
      f.errors.add(new FieldError(field, field + " must be a string"));
      skip(p, e, null);
    }
    return null;
  }

  /** Consumes the rest of the value that starts with {@code e} (nothing for scalars). */
  public static void skipValue(JsonParser p, JsonParser.Event e) {
    skip(p, e, null);
  }

  /**
   * Consumes the value that starts with {@code e} and returns {@code marker}: iteratively, counting
   * the depth, so that no nesting can overflow the stack.
   */
  static String skip(JsonParser p, JsonParser.Event e, String marker) {
    int depth = e == JsonParser.Event.START_OBJECT || e == JsonParser.Event.START_ARRAY ? 1 : 0;
    while (depth > 0) {
      switch (p.next()) {
        case START_OBJECT, START_ARRAY -> depth++;
        case END_OBJECT, END_ARRAY -> depth--;
        default -> {}
      }
    }
    return marker;
  }

  static UUID toId(String raw, List<FieldError> errors) {
    if (raw == null) {
      return EventIds.next();
    }
    try {
      UUID id = UUID.fromString(raw);
      if (id.toString().equalsIgnoreCase(raw)) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    errors.add(
        new FieldError("id", "id must be a UUID such as 3f0c1c9e-8a4b-4d0e-9c55-5b7d6f0e2a11"));
    return null;
  }

  static Instant toTimestamp(String raw, Instant now, List<FieldError> errors) {
    if (raw == null) {
      return now.truncatedTo(ChronoUnit.MICROS);
    }
    if (!raw.isEmpty()) {
      try {
        Instant parsed =
            OffsetDateTime.parse(raw, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        if (EventRules.isInRange(parsed)) {
          return parsed.truncatedTo(ChronoUnit.MICROS);
        }
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    errors.add(
        new FieldError(
            "timestamp",
            "timestamp must be an RFC 3339 date-time such as 2026-11-23T09:00:00.000Z"));
    return null;
  }

  static Double number(JsonParser p, JsonParser.Event e, List<FieldError> errors) {
    if (e == JsonParser.Event.VALUE_NULL) {
      return null;
    }
    if (e == JsonParser.Event.VALUE_NUMBER) {
      double v = Double.parseDouble(p.getString());
      if (Double.isFinite(v)) {
        return v;
      }
      errors.add(new FieldError("value", "value is out of the range of a double"));
      return null;
    }
    errors.add(new FieldError("value", "value must be a number"));
    skip(p, e, null);
    return null;
  }

  static Map<String, String> tags(JsonParser p, JsonParser.Event e, List<FieldError> errors) {
    if (e == JsonParser.Event.VALUE_NULL) {
      return Map.of();
    }
    if (e != JsonParser.Event.START_OBJECT) {
      errors.add(new FieldError("tags", "tags must be an object of string values"));
      skip(p, e, null);
      return Map.of();
    }
    Map<String, String> tags = new LinkedHashMap<>();
    while (p.next() != JsonParser.Event.END_OBJECT) {
      String key = p.getString();
      JsonParser.Event v = p.next();
      if (v == JsonParser.Event.VALUE_STRING) {
        tags.put(key, p.getString());
      } else {
        errors.add(new FieldError("tags." + key, "tag values must be strings"));
        skip(p, v, null);
      }
    }
    return tags;
  }

  /** The payload copied as compact JSON text, which is both measured and written to the stream. */
  private static String payload(JsonParser p, JsonParser.Event e, Fields f) {
    if (e == JsonParser.Event.VALUE_NULL) {
      return null;
    }
    if (e != JsonParser.Event.START_OBJECT) {
      f.errors.add(new FieldError("payload", "payload must be a JSON object"));
      skip(p, e, null);
      return null;
    }
    CanonicalJson.Storable storable = new CanonicalJson.Storable();
    String text = CanonicalJson.copy(p, e, new StringBuilder(256), storable).toString();
    if (storable.problem != null) {
      f.errors.add(new FieldError("payload", storable.problem));
      return null;
    }
    f.errors.addAll(EventRules.checkPayloadSize(CanonicalJson.utf8Length(text)));
    return text;
  }

  private static void rename(List<FieldError> found, String field, List<FieldError> into) {
    for (FieldError e : found) {
      into.add(new FieldError(field, e.message().replace("source", field)));
    }
  }
}
