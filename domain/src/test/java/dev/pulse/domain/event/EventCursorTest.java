package dev.pulse.domain.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCursorTest {

  private static final UUID ID = UUID.fromString("3f0c1c9e-8a4b-4d0e-9c55-5b7d6f0e2a11");

  @Test
  void roundTripsInstantWithMicrosecondPrecision() {
    EventCursor cursor = new EventCursor(Instant.parse("2026-11-23T09:00:00.123456Z"), ID);

    assertEquals(cursor, EventCursor.decode(cursor.encode()));
  }

  @Test
  void truncatesNanosecondsToMicrosecondsLikePostgres() {
    Instant at = Instant.parse("2026-11-23T09:00:00.123456789Z");

    EventCursor decoded = EventCursor.decode(new EventCursor(at, ID).encode());

    assertEquals(Instant.parse("2026-11-23T09:00:00.123456Z"), decoded.occurredAt());
    assertEquals(ID, decoded.id());
  }

  @Test
  void roundTripsEpoch() {
    EventCursor cursor = new EventCursor(Instant.EPOCH, ID);

    assertEquals(cursor, EventCursor.decode(cursor.encode()));
  }

  @Test
  void roundTripsInstantBefore1970WithFraction() {
    EventCursor cursor = new EventCursor(Instant.parse("1969-12-31T23:59:58.500001Z"), ID);

    EventCursor decoded = EventCursor.decode(cursor.encode());

    assertEquals(Instant.parse("1969-12-31T23:59:58.500001Z"), decoded.occurredAt());
    assertEquals(ID, decoded.id());
  }

  @Test
  void roundTripsOneMicrosecondBeforeEpoch() {
    Instant at = Instant.EPOCH.minusNanos(1_000);

    assertEquals(at, EventCursor.decode(new EventCursor(at, ID).encode()).occurredAt());
  }

  @Test
  void roundTripsDistantPastAndFuture() {
    Instant past = Instant.parse("0001-01-01T00:00:00.000001Z");
    Instant future = Instant.parse("9999-12-31T23:59:59.999999Z");

    assertEquals(past, EventCursor.decode(new EventCursor(past, ID).encode()).occurredAt());
    assertEquals(future, EventCursor.decode(new EventCursor(future, ID).encode()).occurredAt());
  }

  @Test
  void encodesAsUrlSafeTokenWithoutPadding() {
    for (int i = 0; i < 50; i++) {
      String token =
          new EventCursor(
                  Instant.ofEpochSecond(1_700_000_000L + i * 7919L, i * 13_000L), UUID.randomUUID())
              .encode();
      assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
    }
  }

  @Test
  void differentPositionsGiveDifferentTokens() {
    Instant at = Instant.parse("2026-11-23T09:00:00Z");

    assertFalse(
        new EventCursor(at, ID).encode().equals(new EventCursor(at.plusNanos(1_000), ID).encode()));
  }

  @Test
  void rejectsNonBase64Token() {
    assertThrows(IllegalArgumentException.class, () -> EventCursor.decode("not a cursor!"));
  }

  @Test
  void rejectsStandardBase64AlphabetCharacters() {
    String token = new EventCursor(Instant.EPOCH, ID).encode();

    assertThrows(IllegalArgumentException.class, () -> EventCursor.decode(token + "+/"));
  }

  @Test
  void rejectsEmptyToken() {
    assertThrows(IllegalArgumentException.class, () -> EventCursor.decode(""));
  }

  @Test
  void rejectsBase64OfGarbage() {
    assertThrows(IllegalArgumentException.class, () -> EventCursor.decode(token("hello world")));
  }

  @Test
  void rejectsTokenWithoutMicros() {
    assertThrows(IllegalArgumentException.class, () -> EventCursor.decode(token("|" + ID)));
  }

  @Test
  void rejectsTokenWithNonNumericMicros() {
    assertThrows(IllegalArgumentException.class, () -> EventCursor.decode(token("12ab|" + ID)));
  }

  @Test
  void rejectsTokenWithMicrosOutOfLongRange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EventCursor.decode(token("99999999999999999999|" + ID)));
  }

  @Test
  void rejectsTokenWithBadUuid() {
    assertThrows(
        IllegalArgumentException.class,
        () -> EventCursor.decode(token("1700000000000000|not-a-uuid")));
  }

  @Test
  void rejectsTokenWithShortenedUuid() {
    String shortened = ID.toString().substring(0, 35);

    assertThrows(
        IllegalArgumentException.class,
        () -> EventCursor.decode(token("1700000000000000|" + shortened)));
  }

  @Test
  void rejectsTruncatedToken() {
    String token = new EventCursor(Instant.parse("2026-11-23T09:00:00.123456Z"), ID).encode();

    assertThrows(
        IllegalArgumentException.class,
        () -> EventCursor.decode(token.substring(0, token.length() - 1)));
    assertThrows(
        IllegalArgumentException.class,
        () -> EventCursor.decode(token.substring(0, token.length() - 4)));
  }

  @Test
  void rejectsTokenWithAppendedData() {
    String token = new EventCursor(Instant.parse("2026-11-23T09:00:00.123456Z"), ID).encode();

    assertThrows(IllegalArgumentException.class, () -> EventCursor.decode(token + "AAAA"));
  }

  @Test
  void keepsTheCauseWhenRejecting() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EventCursor.decode(token("12ab|" + ID)));

    assertEquals("cursor is not a Pulse cursor", e.getMessage());
  }

  private static String token(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rejectsCursorOutsideYears1To9999() {
    String farFuture =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("9000000000000000000|" + java.util.UUID.randomUUID())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> EventCursor.decode(farFuture));
  }
}
