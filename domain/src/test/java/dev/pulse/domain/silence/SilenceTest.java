package dev.pulse.domain.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.silence.LabelMatcher.Op;
import dev.pulse.domain.silence.Silence.State;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SilenceTest {

  // Any instant does: silences only compare instants given to them.
  private static final Instant START = Instant.parse("2031-06-02T00:00:00Z"); // a Monday
  private static final Instant END = START.plus(Duration.ofDays(7));
  private static final Map<String, String> CHECKOUT = Map.of("service", "checkout", "env", "prod");

  static Silence silence(Instant startsAt, Instant endsAt, Recurrence recurrence) {
    return new Silence(
        UUID.randomUUID(),
        "shop",
        List.of(
            new LabelMatcher("service", Op.RE, "checkout-?.*"),
            new LabelMatcher("env", Op.EQ, "prod")),
        startsAt,
        endsAt,
        "deploy",
        "ada",
        recurrence,
        startsAt);
  }

  @Test
  void stateIsPendingBeforeStartActiveFromStartAndExpiredFromEnd() {
    Silence s = silence(START, END, null);
    assertEquals(State.PENDING, s.state(START.minusNanos(1)));
    assertEquals(State.ACTIVE, s.state(START));
    assertEquals(State.ACTIVE, s.state(END.minusNanos(1)));
    assertEquals(State.EXPIRED, s.state(END));
  }

  @Test
  void mutesMatchingAlertsOnlyInsideItsSpan() {
    Silence s = silence(START, END, null);
    assertFalse(s.mutes(CHECKOUT, START.minusSeconds(1)));
    assertTrue(s.mutes(CHECKOUT, START));
    assertTrue(s.mutes(CHECKOUT, END.minusSeconds(1)));
    assertFalse(s.mutes(CHECKOUT, END));
  }

  @Test
  void mutesOnlyWhenEveryMatcherMatches() {
    Silence s = silence(START, END, null);
    Instant now = START.plusSeconds(60);
    assertFalse(s.mutes(Map.of("service", "checkout", "env", "staging"), now));
    assertFalse(s.mutes(Map.of("env", "prod"), now));
    assertTrue(s.mutes(Map.of("service", "checkout-eu", "env", "prod", "x", "y"), now));
  }

  @Test
  void recurringSilenceIsActiveBetweenWindowsButMutesOnlyInside() {
    Recurrence mornings =
        new Recurrence(
            Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(10, 0), ZoneOffset.UTC);
    Silence s = silence(START, END, mornings);
    Instant mondayNine = START.plus(Duration.ofHours(9));
    Instant mondayNoon = START.plus(Duration.ofHours(12));
    assertTrue(s.mutes(CHECKOUT, mondayNine));
    assertTrue(s.isActiveAt(mondayNine));
    assertEquals(State.ACTIVE, s.state(mondayNoon));
    assertFalse(s.isActiveAt(mondayNoon));
    assertFalse(s.mutes(CHECKOUT, mondayNoon));
  }

  @Test
  void recurrenceDoesNotExtendTheSpan() {
    Recurrence mornings =
        new Recurrence(
            Set.of(DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(10, 0), ZoneOffset.UTC);
    Silence s = silence(START, END, mornings);
    assertFalse(s.mutes(CHECKOUT, END.plus(Duration.ofHours(9)))); // the next Monday
  }

  @Test
  void expiringAnActiveSilenceEndsItNow() {
    Silence s = silence(START, END, null);
    Instant now = START.plusSeconds(3600);
    Silence expired = s.expire(now);
    assertEquals(START, expired.startsAt());
    assertEquals(now, expired.endsAt());
    assertEquals(State.EXPIRED, expired.state(now));
    assertFalse(expired.mutes(CHECKOUT, now));
    assertEquals(s.id(), expired.id());
  }

  @Test
  void expiringAPendingSilenceEndsItUnstarted() {
    Silence s = silence(START, END, null);
    Instant now = START.minusSeconds(3600);
    Silence expired = s.expire(now);
    assertEquals(now, expired.startsAt());
    assertEquals(now, expired.endsAt());
    assertEquals(State.EXPIRED, expired.state(now));
  }

  @Test
  void expiringAnExpiredSilenceChangesNothing() {
    Silence s = silence(START, END, null);
    assertEquals(s, s.expire(END.plusSeconds(1)));
  }

  @Test
  void refusesEndBeforeStartAndNoMatchers() {
    assertThrows(IllegalArgumentException.class, () -> silence(END, START, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Silence(UUID.randomUUID(), "p", List.of(), START, END, "", "a", null, START));
  }

  /** Saturday and Sunday, all day, in UTC: START is a Monday. */
  private static final Recurrence WEEKENDS =
      new Recurrence(
          Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
          LocalTime.MIDNIGHT,
          LocalTime.MIDNIGHT,
          ZoneOffset.UTC);

  private static Instant day(int offset, int hour) {
    return START.plus(Duration.ofDays(offset)).plus(Duration.ofHours(hour));
  }

  @Test
  void aWeekendSilenceOnATuesdayIsActiveButNotMutingAndNamesSaturday() {
    Silence s = silence(START, START.plus(Duration.ofDays(28)), WEEKENDS);
    Instant tuesday = day(1, 10);
    assertEquals(State.ACTIVE, s.state(tuesday));
    assertFalse(s.isActiveAt(tuesday));
    assertEquals(Optional.of(new Window(day(5, 0), day(6, 24))), s.nextWindow(tuesday));
  }

  @Test
  void aWeekendSilenceOnASundayMutesAndNamesTheWindowInProgress() {
    Silence s = silence(START, START.plus(Duration.ofDays(28)), WEEKENDS);
    Instant sunday = day(6, 15);
    assertTrue(s.isActiveAt(sunday));
    assertEquals(Optional.of(new Window(day(5, 0), day(7, 0))), s.nextWindow(sunday));
  }

  @Test
  void theNextWindowIsCutToTheSpan() {
    Silence endsSaturdayNoon = silence(START, day(5, 12), WEEKENDS);
    assertEquals(
        Optional.of(new Window(day(5, 0), day(5, 12))), endsSaturdayNoon.nextWindow(day(2, 0)));
    Silence startsSundayMorning = silence(day(6, 9), day(20, 0), WEEKENDS);
    assertEquals(State.PENDING, startsSundayMorning.state(day(1, 0)));
    assertEquals(
        Optional.of(new Window(day(6, 9), day(7, 0))),
        startsSundayMorning.nextWindow(day(1, 0)),
        "pending: its first window starts with it");
  }

  @Test
  void windowsWithAGapBetweenStaySeparate() {
    Recurrence nights =
        new Recurrence(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
            LocalTime.of(22, 0),
            LocalTime.of(6, 0),
            ZoneOffset.UTC);
    Silence s = silence(START, START.plus(Duration.ofDays(28)), nights);
    assertEquals(
        Optional.of(new Window(day(2, 22), day(3, 6))),
        s.nextWindow(day(1, 6)),
        "Monday night ended: Wednesday night is next, alone");
  }

  @Test
  void noNextWindowWhenNoneStartsBeforeTheEnd() {
    Silence endsFriday = silence(START, day(4, 12), WEEKENDS);
    assertEquals(State.ACTIVE, endsFriday.state(day(2, 0)));
    assertEquals(Optional.empty(), endsFriday.nextWindow(day(2, 0)));
  }

  @Test
  void withoutRecurrenceTheNextWindowIsTheSpanUntilItExpires() {
    Silence s = silence(START, END, null);
    Window span = new Window(START, END);
    assertEquals(Optional.of(span), s.nextWindow(START.minusSeconds(1)));
    assertEquals(Optional.of(span), s.nextWindow(START.plusSeconds(1)));
    assertEquals(Optional.empty(), s.nextWindow(END));
  }

  @Test
  void theNextWindowContainsNowExactlyWhenTheSilenceMutes() {
    Silence s = silence(day(1, 7), day(16, 7), WEEKENDS);
    for (Instant t = START; t.isBefore(day(21, 0)); t = t.plus(Duration.ofMinutes(90))) {
      Instant now = t;
      boolean inWindow = s.nextWindow(now).map(w -> w.contains(now)).orElse(false);
      assertEquals(s.isActiveAt(now), inWindow, "at " + now);
    }
  }
}
