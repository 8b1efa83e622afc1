package it.dev.pulse.support;

import java.util.UUID;

/** Events writes event JSON for tests. */
public final class Events {

  private Events() {}

  public static String json(UUID id, String type, String source) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\""
        + type
        + "\",\"source\":\""
        + source
        + "\",\"value\":1.5,\"tags\":{\"env\":\"test\"},\"payload\":{\"n\":1}}";
  }

  public static String json(UUID id, String type, String source, String timestamp) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\""
        + type
        + "\",\"source\":\""
        + source
        + "\",\"timestamp\":\""
        + timestamp
        + "\"}";
  }

  /** A type no other test uses, so queries by it see only this test's events. */
  public static String uniqueType(String prefix) {
    return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }
}
