package dev.pulse.ingest.intake;

import java.time.Instant;

/**
 * Timestamps formats instants as ISO-8601 UTC text, remembering the last one: every event of a
 * batch, and every event sent without a timestamp, shares the same receipt time.
 */
final class Timestamps {

  private record Formatted(Instant instant, String text) {}

  private static volatile Formatted last = new Formatted(Instant.EPOCH, Instant.EPOCH.toString());

  private Timestamps() {}

  static String format(Instant instant) {
    Formatted cached = last;
    if (cached.instant().equals(instant)) {
      return cached.text();
    }
    String text = instant.toString();
    last = new Formatted(instant, text);
    return text;
  }
}
