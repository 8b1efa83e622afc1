package dev.pulse.ingest.intake;

import dev.pulse.domain.event.EventRules;
import dev.pulse.domain.event.FieldError;
import dev.pulse.domain.metric.MetricRules;
import jakarta.json.stream.JsonParser;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * SampleParser checks one JSON metric sample {@code {"id"?, "name", "value", "tags"?,
 * "timestamp"?}} and writes the canonical stream JSON for it. Every problem is reported, each
 * naming its field, in the order of the documented fields.
 */
public final class SampleParser {

  private static final List<String> FIELD_ORDER =
      List.of("$", "id", "name", "value", "tags", "timestamp");

  private SampleParser() {}

  /**
   * Reads one sample from a streaming parser whose last event was the sample's START_OBJECT,
   * leaving it on the matching END_OBJECT.
   */
  public static EventParser.Result read(JsonParser p, String project, Instant now) {
    List<FieldError> errors = new ArrayList<>(0);
    String id = null;
    String name = null;
    String timestamp = null;
    Double value = null;
    boolean valueSeen = false;
    boolean nameMistyped = false;
    Map<String, String> tags = Map.of();
    JsonParser.Event e;
    while ((e = p.next()) != JsonParser.Event.END_OBJECT) {
      String key = p.getString();
      e = p.next();
      switch (key) {
        case "id" -> id = stringOrMarker(p, e);
        case "timestamp" -> timestamp = stringOrMarker(p, e);
        case "name" -> {
          if (e == JsonParser.Event.VALUE_STRING) {
            name = p.getString();
          } else if (e != JsonParser.Event.VALUE_NULL) {
            errors.add(new FieldError("name", "name must be a string"));
            EventParser.skip(p, e, null);
            nameMistyped = true;
          }
        }
        case "value" -> {
          valueSeen = e != JsonParser.Event.VALUE_NULL;
          value = EventParser.number(p, e, errors);
        }
        case "tags" -> tags = EventParser.tags(p, e, errors);
        default -> EventParser.skip(p, e, null); // unknown fields are ignored
      }
    }
    UUID uuid = EventParser.toId(id, errors);
    if (!nameMistyped) {
      errors.addAll(MetricRules.checkName(name));
    }
    if (!valueSeen) {
      errors.add(new FieldError("value", "value is required: a finite number"));
    }
    if (!tags.isEmpty()) {
      errors.addAll(EventRules.checkTags(tags));
    }
    Instant ts = EventParser.toTimestamp(timestamp, now, errors);
    if (!errors.isEmpty() || value == null) {
      errors.sort(Comparator.comparingInt(err -> FIELD_ORDER.indexOf(err.field().split("\\.")[0])));
      return new EventParser.Result(null, List.copyOf(errors));
    }
    String canonical =
        CanonicalJson.sample(
            uuid, project, name, tags, value, ts, now.truncatedTo(ChronoUnit.MICROS));
    return new EventParser.Result(new ParsedEvent(uuid, canonical), List.of());
  }

  /** A string value, null for null, and "" (never valid) for any other type. */
  private static String stringOrMarker(JsonParser p, JsonParser.Event e) {
    if (e == JsonParser.Event.VALUE_NULL) {
      return null;
    }
    return e == JsonParser.Event.VALUE_STRING ? p.getString() : EventParser.skip(p, e, "");
  }
}
