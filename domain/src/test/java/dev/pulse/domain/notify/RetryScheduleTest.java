package dev.pulse.domain.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

  private static final double NO_JITTER = 0.5;
  private static final double MOST_JITTER = Math.nextDown(1.0);
  private static final Instant FIRST = Instant.parse("2026-03-01T12:00:00Z");
  private final RetrySchedule schedule = RetrySchedule.standard();

  @Test
  void standardIsEightAttemptsWithinADay() {
    assertEquals(8, schedule.maxAttempts());
    assertEquals(Duration.ofHours(24), schedule.giveUpAfter());
  }

  @Test
  void firstRetryComesWithinFiveSecondsAtBothJitterExtremes() {
    assertEquals(Duration.ofSeconds(2), schedule.delayAfter(1, null, NO_JITTER));
    assertTrue(schedule.delayAfter(1, null, 0.0).compareTo(Duration.ofSeconds(5)) <= 0);
    assertTrue(schedule.delayAfter(1, null, MOST_JITTER).compareTo(Duration.ofSeconds(5)) <= 0);
    assertEquals(Duration.ofMillis(1600), schedule.delayAfter(1, null, 0.0));
  }

  @Test
  void delaysDoubleWithoutJitter() {
    assertEquals(Duration.ofSeconds(4), schedule.delayAfter(2, null, NO_JITTER));
    assertEquals(Duration.ofSeconds(8), schedule.delayAfter(3, null, NO_JITTER));
    Duration previous = Duration.ZERO;
    for (int failed = 1; failed <= 20; failed++) {
      Duration delay = schedule.delayAfter(failed, null, NO_JITTER);
      assertTrue(delay.compareTo(previous) >= 0, "delay after " + failed + " failures");
      previous = delay;
    }
  }

  @Test
  void jitterStaysWithinTwentyPercent() {
    assertEquals(Duration.ofMillis(6400), schedule.delayAfter(3, null, 0.0));
    Duration high = schedule.delayAfter(3, null, MOST_JITTER);
    assertTrue(high.compareTo(Duration.ofMillis(9600)) <= 0 && high.toMillis() > 9500);
  }

  @Test
  void backoffIsCappedAtFiveMinutesEvenWithJitter() {
    assertEquals(Duration.ofMinutes(5), schedule.delayAfter(9, null, NO_JITTER));
    assertEquals(Duration.ofMinutes(5), schedule.delayAfter(1_000, null, MOST_JITTER));
    assertEquals(Duration.ofMinutes(4), schedule.delayAfter(1_000, null, 0.0));
  }

  @Test
  void retryAfterIsHonouredWhenLaterThanTheBackoff() {
    assertEquals(Duration.ofSeconds(30), schedule.delayAfter(1, Duration.ofSeconds(30), 0.0));
    assertEquals(Duration.ofSeconds(8), schedule.delayAfter(3, Duration.ofSeconds(1), NO_JITTER));
    assertEquals(Duration.ofSeconds(2), schedule.delayAfter(1, Duration.ZERO, NO_JITTER));
  }

  @Test
  void retryAfterIsCappedAtOneHour() {
    assertEquals(Duration.ofHours(1), schedule.delayAfter(2, Duration.ofDays(3), NO_JITTER));
  }

  @Test
  void rejectsOutOfRangeArguments() {
    assertThrows(IllegalArgumentException.class, () -> schedule.delayAfter(0, null, NO_JITTER));
    assertThrows(IllegalArgumentException.class, () -> schedule.delayAfter(1, null, 1.0));
    assertThrows(IllegalArgumentException.class, () -> schedule.delayAfter(1, null, -0.1));
    assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(0, Duration.ofHours(1)));
    assertThrows(IllegalArgumentException.class, () -> new RetrySchedule(3, Duration.ZERO));
  }

  @Test
  void givesUpAtTheEighthFailure() {
    Instant soon = FIRST.plusSeconds(60);
    assertFalse(schedule.givesUp(7, FIRST, soon));
    assertTrue(schedule.givesUp(8, FIRST, soon));
  }

  @Test
  void givesUpWhenTheNextAttemptWouldFallPastADay() {
    assertFalse(schedule.givesUp(2, FIRST, FIRST.plus(Duration.ofHours(24))));
    assertTrue(schedule.givesUp(2, FIRST, FIRST.plus(Duration.ofHours(24)).plusMillis(1)));
  }
}
