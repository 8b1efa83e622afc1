package dev.pulse.worker.metric;

import dev.pulse.worker.persistence.EventSink;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * StoredSample is one metric sample read back from its stream entry {@code {"id","project","name",
 * "tags","value","ts","received_at"}}, with its tags sorted so that equal series compare equal.
 */
public record StoredSample(
    UUID id,
    String project,
    String name,
    SortedMap<String, String> tags,
    double value,
    Instant ts,
    Instant receivedAt) {

  /** The series this sample belongs to. */
  public SeriesKey series() {
    return new SeriesKey(project, name, tags);
  }

  /**
   * @throws EventSink.Refused when the entry is not a sample (it will never become one)
   */
  public static StoredSample parse(String json) {
    try (JsonReader reader = Json.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      SortedMap<String, String> tags = new TreeMap<>();
      JsonValue t = o.get("tags");
      if (t != null && t.getValueType() == JsonValue.ValueType.OBJECT) {
        for (Map.Entry<String, JsonValue> e : t.asJsonObject().entrySet()) {
          tags.put(e.getKey(), ((JsonString) e.getValue()).getString());
        }
      }
      return new StoredSample(
          UUID.fromString(o.getString("id")),
          o.getString("project"),
          o.getString("name"),
          tags,
          o.getJsonNumber("value").doubleValue(),
          Instant.parse(o.getString("ts")),
          Instant.parse(o.getString("received_at")));
    } catch (JsonException
        | ClassCastException
        | NullPointerException
        | IllegalArgumentException
        | java.time.format.DateTimeParseException e) {
      throw new EventSink.Refused("not a metric sample: " + e.getMessage(), e);
    }
  }

  /** A series: project, name and tags. */
  public record SeriesKey(String project, String name, SortedMap<String, String> tags) {

    /** The tags as JSON with sorted keys. */
    public String tagsJson() {
      return Tags.json(tags);
    }
  }
}
