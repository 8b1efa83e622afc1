package dev.pulse.domain.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * EventCursor is a keyset position in the newest-first event order (occurred_at desc, id desc): the
 * next page holds the events strictly after it. Clients see it as an opaque URL-safe token.
 */
public record EventCursor(Instant occurredAt, UUID id) {

  public static EventCursor after(Event last) {
    return new EventCursor(last.getOccurredAt(), last.getId());
  }

  public String encode() {
    long micros =
        Math.addExact(
            Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L),
            occurredAt.getNano() / 1_000);
    String raw = micros + "|" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a token made by {@link #encode()}.
   *
   * @throws IllegalArgumentException when the token was not made by Pulse or was altered
   */
  public static EventCursor decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      int bar = raw.indexOf('|');
      if (bar < 1) {
        throw new IllegalArgumentException("cursor is not a Pulse cursor");
      }
      long micros = Long.parseLong(raw.substring(0, bar));
      String idText = raw.substring(bar + 1);
      UUID id = UUID.fromString(idText);
      if (!id.toString().equals(idText)) { // UUID.fromString also takes shortened groups
        throw new IllegalArgumentException("cursor is not a Pulse cursor");
      }
      Instant at =
          Instant.ofEpochSecond(
              Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
      if (!EventRules.isInRange(at)) {
        throw new IllegalArgumentException("cursor is not a Pulse cursor");
      }
      return new EventCursor(at, id);
    } catch (IllegalArgumentException
        | java.time.DateTimeException e) { // also NumberFormatException
      throw new IllegalArgumentException("cursor is not a Pulse cursor", e);
    }
  }
}
