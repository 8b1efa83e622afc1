package dev.pulse.worker.metric;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Tags is the JSON form of string maps (series tags, group labels, headers): keys sorted, so equal
 * maps have equal text.
 */
public final class Tags {

  private static final jakarta.json.JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

  private Tags() {}

  public static String json(Map<String, String> tags) {
    StringBuilder out = new StringBuilder(16 + tags.size() * 24).append('{');
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(tags).entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      quote(out, e.getKey()).append(':');
      quote(out, e.getValue());
    }
    return out.append('}').toString();
  }

  public static SortedMap<String, String> parse(String json) {
    SortedMap<String, String> tags = new TreeMap<>();
    try (JsonReader reader = READERS.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      for (Map.Entry<String, JsonValue> e : o.entrySet()) {
        tags.put(e.getKey(), o.getString(e.getKey()));
      }
    }
    return tags;
  }

  static StringBuilder quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
