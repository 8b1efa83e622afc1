package dev.pulse.domain.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * EventRules holds the limits an event must respect before Pulse accepts it, and checks the
 * scalar fields against them. The limits are part of the public API (see README, OpenAPI).
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

  private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9_.:/@-]+");
  private static final Pattern TAG_KEY = TYPE;

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
          if (key.isEmpty() || key.length() > MAX_TAG_KEY_LENGTH || !TAG_KEY.matcher(key).matches()) {
            errors.add(
                new FieldError(
                    "tags." + key,
                    "tag keys are 1-" + MAX_TAG_KEY_LENGTH + " characters of [A-Za-z0-9_.:-]"));
          }
          if (value.length() > MAX_TAG_VALUE_LENGTH) {
            errors.add(
                new FieldError(
                    "tags." + key, "tag values are at most " + MAX_TAG_VALUE_LENGTH + " characters"));
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
      String field, String value, int maxLength, Pattern pattern, String charset) {
    if (value == null || value.isEmpty()) {
      return List.of(new FieldError(field, field + " is required"));
    }
    if (value.length() > maxLength || !pattern.matcher(value).matches()) {
      return List.of(
          new FieldError(field, field + " must be 1-" + maxLength + " characters of " + charset));
    }
    return List.of();
  }
}
