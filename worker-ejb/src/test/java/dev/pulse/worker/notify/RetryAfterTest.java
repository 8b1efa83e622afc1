package dev.pulse.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

  private static final Instant NOW = Instant.parse("1994-11-06T08:49:00Z");

  @Test
  void readsDeltaSeconds() {
    assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", NOW));
  }

  @Test
  void readsAllThreeHttpDateFormats() {
    Duration wait = Duration.ofSeconds(37);
    assertEquals(wait, RetryAfter.parse("Sun, 06 Nov 1994 08:49:37 GMT", NOW));
    assertEquals(wait, RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW));
    assertEquals(wait, RetryAfter.parse("Sun Nov  6 08:49:37 1994", NOW));
  }

  @Test
  void aDateInThePastMeansNoWait() {
    assertEquals(Duration.ZERO, RetryAfter.parse("Sun, 06 Nov 1994 08:00:00 GMT", NOW));
  }

  @Test
  void ignoresWhatItCannotRead() {
    assertNull(RetryAfter.parse("soon", NOW));
    assertNull(RetryAfter.parse("-5", NOW));
    assertNull(RetryAfter.parse(null, NOW));
  }
}
