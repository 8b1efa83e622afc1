package dev.pulse.domain.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * EventRules holds the limits an event must respect before Pulse accepts it, and checks the scalar
 * fields against them. The limits are part of the public API (see README, OpenAPI).
 */
public final class EventRules {

  public static final int MAX_TYPE_LENGTH = 100;
  public static final int MAX_SOURCE_LENGTH = 200;
  public static final int MAX_TAGS = 32;
  public static final int MAX_TAG_KEY_LENGTH = 100;
  public static final int MAX_TAG_VALUE_LENGTH = 256;
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  public static final int MAX_BATCH_SIZE = 1000;
  public static final int MAX_PAGE_SIZE = 1000;
  public static final int DEFAULT_PAGE_SIZE = 100;

  /** The instants Pulse stores and queries: years 1 to 9999 UTC (PostgreSQL's range is wider). */
  public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

  public static boolean isInRange(Instant instant) {
    return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
  }

  // Character sets as lookup tables: these checks run for every field of every event.
  private static final boolean[] TYPE = charset("_.:-");
  private static final boolean[] SOURCE = charset("_.:/@-");
  private static final boolean[] TAG_KEY = TYPE;

  private EventRules() {}

  public static List<FieldError> checkType(String type) {
    return checkToken("type", type, MAX_TYPE_LENGTH, TYPE, "[A-Za-z0-9_.:-]");
  }

  public static List<FieldError> checkSource(String source) {
    return checkToken("source", source, MAX_SOURCE_LENGTH, SOURCE, "[A-Za-z0-9_.:/@-]");
  }

  public static List<FieldError> checkTags(Map<String, String> tags) {
    List<FieldError> errors = new ArrayList<>();
    if (tags.size() > MAX_TAGS) {
      errors.add(new FieldError("tags", "at most " + MAX_TAGS + " tags, got " + tags.size()));
    }
    tags.forEach(
        (key, value) -> {
          if (key.isEmpty() || key.length() > MAX_TAG_KEY_LENGTH || !allIn(key, TAG_KEY)) {
            errors.add(
                new FieldError(
                    "tags." + key,
                    "tag keys are 1-" + MAX_TAG_KEY_LENGTH + " characters of [A-Za-z0-9_.:-]"));
          }
          if (value.indexOf('\u0000') >= 0) {
            errors.add(new FieldError("tags." + key, "tag values cannot contain U+0000"));
          }
          if (value.length() > MAX_TAG_VALUE_LENGTH) {
            errors.add(
                new FieldError(
                    "tags." + key,
                    "tag values are at most " + MAX_TAG_VALUE_LENGTH + " characters"));
          }
        });
    return errors;
  }

  public static List<FieldError> checkPayloadSize(int utf8Bytes) {
    if (utf8Bytes > MAX_PAYLOAD_BYTES) {
      return List.of(
          new FieldError(
              "payload",
              "payload is " + utf8Bytes + " bytes; at most " + MAX_PAYLOAD_BYTES + " are allowed"));
    }
    return List.of();
  }

  private static List<FieldError> checkToken(
      String field, String value, int maxLength, boolean[] allowed, String charset) {
    if (value == null || value.isEmpty()) {
      return List.of(new FieldError(field, field + " is required"));
    }
    if (value.length() > maxLength || !allIn(value, allowed)) {
      return List.of(
          new FieldError(field, field + " must be 1-" + maxLength + " characters of " + charset));
    }
    return List.of();
  }

  private static boolean[] charset(String extra) {
    boolean[] allowed = new boolean[128];
    for (char c = 'a'; c <= 'z'; c++) {
      allowed[c] = true;
      allowed[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      allowed[c] = true;
    }
    extra.chars().forEach(c -> allowed[c] = true);
    return allowed;
  }

  private static boolean allIn(String value, boolean[] allowed) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= allowed.length || !allowed[c]) {
        return false;
      }
    }
    return true;
  }
}
