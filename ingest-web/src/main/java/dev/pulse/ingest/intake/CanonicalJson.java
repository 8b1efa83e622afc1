package dev.pulse.ingest.intake;

import jakarta.json.stream.JsonParser;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * CanonicalJson writes the stream's event entries and copies payloads as compact JSON, by hand: it
 * runs for every event on the ingest hot path, where a JsonGenerator per event cost a tenth of the
 * CPU.
 */
final class CanonicalJson {

  private CanonicalJson() {}

  /**
   * Copies the structure the parser just entered (START_OBJECT or START_ARRAY) as compact JSON,
   * iteratively, so deep nesting cannot overflow the stack.
   */
  /**
   * What PostgreSQL's jsonb would refuse, found while copying, so it is a 400 now rather than a
   * dead letter later: U+0000 in a string, and numbers beyond double range.
   */
  static final class Storable {
    String problem;

    void check(String s) {
      if (problem == null && s.indexOf('\u0000') >= 0) {
        problem = "payload strings and keys cannot contain U+0000";
      }
    }

    void checkNumber(String literal) {
      if (problem == null
          && (literal.length() > MAX_NUMBER_LENGTH
              || Double.isInfinite(Double.parseDouble(literal)))) {
        problem =
            "payload numbers must be at most "
                + MAX_NUMBER_LENGTH
                + " characters and within double range";
      }
    }
  }

  private static final int MAX_NUMBER_LENGTH = 100;

  static StringBuilder copy(
      JsonParser p, JsonParser.Event first, StringBuilder out, Storable storable) {
    int depth = 0;
    boolean comma = false;
    JsonParser.Event e = first;
    while (true) {
      switch (e) {
        case START_OBJECT, START_ARRAY -> {
          out.append(comma ? "," : "").append(e == JsonParser.Event.START_OBJECT ? '{' : '[');
          depth++;
          comma = false;
        }
        case END_OBJECT, END_ARRAY -> {
          out.append(e == JsonParser.Event.END_OBJECT ? '}' : ']');
          depth--;
          comma = true;
        }
        case KEY_NAME -> {
          if (comma) {
            out.append(',');
          }
          String key = p.getString(); // a new String per call: once
          storable.check(key);
          string(out, key);
          out.append(':');
          comma = false;
        }
        case VALUE_STRING -> {
          if (comma) {
            out.append(',');
          }
          String value = p.getString();
          storable.check(value);
          string(out, value);
          comma = true;
        }
        case VALUE_NUMBER -> {
          String literal = p.getString();
          storable.checkNumber(literal);
          out.append(comma ? "," : "").append(literal);
          comma = true;
        }
        case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
          out.append(comma ? "," : "")
              .append(
                  e == JsonParser.Event.VALUE_TRUE
                      ? "true"
                      : e == JsonParser.Event.VALUE_FALSE ? "false" : "null");
          comma = true;
        }
      }
      if (depth == 0) {
        return out;
      }
      e = p.next();
    }
  }

  static int utf8Length(String s) {
    int bytes = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        bytes +=
            c < 0x800 ? 1 : Character.isSurrogate(c) ? 1 : 2; // a surrogate pair is 4 bytes in all
      }
    }
    return bytes;
  }

  /** The canonical stream entry of one event (column names of the events table). */
  /**
   * A metric sample as the stream holds it: {@code {"id","project","name","tags","value","ts",
   * "received_at"}}.
   */
  static String sample(
      UUID id,
      String project,
      String name,
      Map<String, String> tags,
      double value,
      Instant ts,
      Instant receivedAt) {
    StringBuilder out = new StringBuilder(256);
    out.append("{\"id\":\"").append(id).append("\",\"project\":");
    string(out, project);
    out.append(",\"name\":");
    string(out, name);
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
    out.append("},\"value\":").append(value).append(",\"ts\":\"");
    instant(out, ts).append("\",\"received_at\":\"");
    return instant(out, receivedAt).append("\"}").toString();
  }

  static String event(
      UUID id,
      String project,
      String type,
      String source,
      Instant occurredAt,
      Instant receivedAt,
      Double value,
      Map<String, String> tags,
      String payloadJson) {
    // Hand-written rather than a JsonGenerator: this runs for every event on the hot path.
    // Sized for the fixed fields, so that appending never copies the buffer.
    StringBuilder out = new StringBuilder(384 + (payloadJson == null ? 0 : payloadJson.length()));
    out.append("{\"id\":\"").append(id).append("\",\"project\":");
    string(out, project);
    out.append(",\"type\":");
    string(out, type);
    out.append(",\"source\":");
    string(out, source);
    out.append(",\"occurred_at\":\"");
    instant(out, occurredAt).append("\",\"received_at\":\"");
    instant(out, receivedAt).append('"');
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

  /** 9999-12-31T23:59:59Z: beyond it Instant.toString writes a sign and more year digits. */
  private static final long LAST_FOUR_DIGIT_YEAR_SECOND = 253_402_300_799L;

  /**
   * Appends {@code t} exactly as {@link Instant#toString} writes it (UTC, the fraction in groups of
   * three digits, none when zero), by arithmetic rather than through a DateTimeFormatter: two
   * timestamps are written for every entry, and the formatter was ~5 % of a batch's CPU.
   */
  static StringBuilder instant(StringBuilder out, Instant t) {
    long seconds = t.getEpochSecond();
    if (seconds < 0 || seconds > LAST_FOUR_DIGIT_YEAR_SECOND) {
      return out.append(t);
    }
    LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
    int second = (int) (seconds % 86_400);
    out.append(date.getYear()).append('-');
    twoDigits(out, date.getMonthValue()).append('-');
    twoDigits(out, date.getDayOfMonth()).append('T');
    twoDigits(out, second / 3600).append(':');
    twoDigits(out, second / 60 % 60).append(':');
    twoDigits(out, second % 60);
    int nano = t.getNano();
    if (nano != 0) {
      out.append('.');
      if (nano % 1_000_000 == 0) {
        threeDigits(out, nano / 1_000_000);
      } else if (nano % 1000 == 0) {
        threeDigits(out, nano / 1_000_000);
        threeDigits(out, nano / 1000 % 1000);
      } else {
        threeDigits(out, nano / 1_000_000);
        threeDigits(out, nano / 1000 % 1000);
        threeDigits(out, nano % 1000);
      }
    }
    return out.append('Z');
  }

  private static StringBuilder twoDigits(StringBuilder out, int value) {
    return out.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static void threeDigits(StringBuilder out, int value) {
    twoDigits(out.append((char) ('0' + value / 100)), value % 100);
  }

  /** Appends {@code s} as a JSON string literal (RFC 8259 escaping). */
  static void string(StringBuilder out, String s) {
    out.append('"');
    int plain = 0;
    while (plain < s.length()) { // most strings need no escaping: copy them in one go
      char c = s.charAt(plain);
      if (c < 0x20 || c == '"' || c == '\\') {
        break;
      }
      plain++;
    }
    out.append(s, 0, plain);
    for (int i = plain; i < s.length(); i++) {
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
}
