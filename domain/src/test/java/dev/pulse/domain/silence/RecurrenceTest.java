package dev.pulse.domain.silence;

import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.event.FieldError;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  // A week with no clock change: Paris is on CEST (UTC+2) all of June.
  private static final LocalDate MONDAY =
      LocalDate.of(2031, 6, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY));

  /** Clocks go forward at 02:00 on the last Sunday of March, back at 03:00 in October. */
  private static final LocalDate SPRING_FORWARD =
      LocalDate.of(2031, 3, 1).with(TemporalAdjusters.lastInMonth(SUNDAY));

  private static final LocalDate FALL_BACK =
      LocalDate.of(2031, 10, 1).with(TemporalAdjusters.lastInMonth(SUNDAY));

  private static final Recurrence WEEKEND_NIGHTS =
      new Recurrence(EnumSet.of(SATURDAY, SUNDAY), at("22:00"), at("06:00"), PARIS);

  private static LocalTime at(String hhmm) {
    return LocalTime.parse(hhmm);
  }

  /**
   * The instant of {@code hhmm} on the wall clock in Paris, {@code dayOffset} days after Monday.
   */
  private static Instant paris(int dayOffset, String hhmm) {
    return MONDAY.plusDays(dayOffset).atTime(at(hhmm)).atZone(PARIS).toInstant();
  }

  private static Instant paris(LocalDate date, String hhmm) {
    return date.atTime(at(hhmm)).atZone(PARIS).toInstant();
  }

  @Test
  void windowAcrossMidnightCoversTheNightAfterEachListedDay() {
    assertTrue(WEEKEND_NIGHTS.covers(paris(5, "23:00")), "Saturday 23:00");
    assertTrue(WEEKEND_NIGHTS.covers(paris(6, "05:59")), "Sunday 05:59, from Saturday");
    assertTrue(WEEKEND_NIGHTS.covers(paris(6, "22:00")), "Sunday 22:00");
    assertTrue(WEEKEND_NIGHTS.covers(paris(7, "05:59")), "Monday 05:59, from Sunday");
  }

  @Test
  void windowAcrossMidnightEndsAtToExclusive() {
    assertFalse(WEEKEND_NIGHTS.covers(paris(7, "06:00")), "Monday 06:00");
    assertFalse(WEEKEND_NIGHTS.covers(paris(6, "06:00")), "Sunday 06:00");
    assertFalse(WEEKEND_NIGHTS.covers(paris(6, "21:59")), "Sunday 21:59");
  }

  @Test
  void windowAcrossMidnightOnlyStartsOnListedDays() {
    assertFalse(WEEKEND_NIGHTS.covers(paris(4, "23:00")), "Friday 23:00");
    assertFalse(WEEKEND_NIGHTS.covers(paris(5, "05:00")), "Saturday 05:00 would start Friday");
  }

  @Test
  void sameDayWindowCoversFromInclusiveToExclusive() {
    Recurrence office =
        new Recurrence(EnumSet.of(DayOfWeek.MONDAY), at("09:00"), at("17:00"), PARIS);
    assertTrue(office.covers(paris(0, "09:00")));
    assertTrue(office.covers(paris(0, "16:59")));
    assertFalse(office.covers(paris(0, "17:00")));
    assertFalse(office.covers(paris(0, "08:59")));
    assertFalse(office.covers(paris(1, "10:00")), "Tuesday");
  }

  @Test
  void windowIsJudgedOnTheZonesWallClock() {
    Recurrence office =
        new Recurrence(EnumSet.of(DayOfWeek.MONDAY), at("09:00"), at("17:00"), PARIS);
    // 07:30 UTC is 09:30 in Paris in June.
    Instant utc0730 = MONDAY.atTime(7, 30).atZone(ZoneId.of("UTC")).toInstant();
    assertTrue(office.covers(utc0730));
  }

  @Test
  void equalFromAndToCoverAWholeDayFromThatTime() {
    Recurrence day = new Recurrence(Set.of(SATURDAY), at("12:00"), at("12:00"), PARIS);
    assertTrue(day.covers(paris(5, "12:00")));
    assertTrue(day.covers(paris(6, "11:59")));
    assertFalse(day.covers(paris(6, "12:00")));
    assertFalse(day.covers(paris(5, "11:59")));
  }

  @Test
  void springForwardNightShortensAWindowInRealTime() {
    Recurrence night = new Recurrence(Set.of(SUNDAY), at("01:00"), at("04:00"), PARIS);
    assertTrue(night.covers(paris(SPRING_FORWARD, "01:30")));
    assertTrue(night.covers(paris(SPRING_FORWARD, "03:30")));
    assertFalse(night.covers(paris(SPRING_FORWARD, "00:59")));
    assertFalse(night.covers(paris(SPRING_FORWARD, "04:00")));

    Instant start = paris(SPRING_FORWARD, "01:00");
    Instant end = paris(SPRING_FORWARD, "04:00");
    assertEquals(Duration.ofHours(2), Duration.between(start, end));
    assertTrue(night.covers(end.minusNanos(1)));
  }

  @Test
  void windowStartingInTheSpringGapStartsAtTheFirstValidInstant() {
    Recurrence night = new Recurrence(Set.of(SUNDAY), at("02:30"), at("05:00"), PARIS);
    Instant justBeforeGap = paris(SPRING_FORWARD, "01:59");
    Instant afterGap = justBeforeGap.plusSeconds(60); // 03:00 CEST
    assertEquals(at("03:00"), afterGap.atZone(PARIS).toLocalTime());
    assertFalse(night.covers(justBeforeGap));
    assertTrue(night.covers(afterGap));
  }

  @Test
  void fallBackNightCoversTheRepeatedHourUnderBothOffsets() {
    LocalDate saturday = FALL_BACK.minusDays(1);
    Recurrence night =
        new Recurrence(Set.of(saturday.getDayOfWeek()), at("22:00"), at("06:00"), PARIS);
    ZonedDateTime local = FALL_BACK.atTime(2, 30).atZone(PARIS);
    Instant first = local.withEarlierOffsetAtOverlap().toInstant();
    Instant second = local.withLaterOffsetAtOverlap().toInstant();
    assertNotEquals(first, second);
    assertEquals(Duration.ofHours(1), Duration.between(first, second));
    assertTrue(night.covers(first));
    assertTrue(night.covers(second));
    assertTrue(night.covers(paris(saturday, "22:00")));
    assertFalse(night.covers(paris(FALL_BACK, "06:00")));
    // The night lasts 9 hours of real time, not 8.
    assertEquals(
        Duration.ofHours(9), Duration.between(paris(saturday, "22:00"), paris(FALL_BACK, "06:00")));
  }

  @Test
  void parsesDaysInAnyCaseTimesAndZone() {
    List<FieldError> errors = new ArrayList<>();
    Optional<Recurrence> parsed =
        Recurrence.parse(List.of("Sat", "SUN"), "22:00", "06:00", "Europe/Paris", errors);
    assertEquals(List.of(), errors);
    assertEquals(Optional.of(WEEKEND_NIGHTS), parsed);
  }

  @Test
  void parseNamesEachBrokenField() {
    List<FieldError> errors = new ArrayList<>();
    Optional<Recurrence> parsed =
        Recurrence.parse(List.of("sat", "funday"), "24:00", "6:00", "Mars/Olympus", errors);
    assertEquals(Optional.empty(), parsed);
    assertEquals(
        List.of("recurrence.days", "recurrence.from", "recurrence.to", "recurrence.timezone"),
        errors.stream().map(FieldError::field).toList());
  }

  @Test
  void parseRefusesNoDaysAndOffsetsThatAreNotIanaZones() {
    List<FieldError> errors = new ArrayList<>();
    assertEquals(Optional.empty(), Recurrence.parse(List.of(), "22:00", "06:00", "+02:00", errors));
    assertEquals(
        List.of("recurrence.days", "recurrence.timezone"),
        errors.stream().map(FieldError::field).toList());
  }

  @Test
  void parseAcceptsEveryDayName() {
    List<FieldError> errors = new ArrayList<>();
    Optional<Recurrence> all =
        Recurrence.parse(
            List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
            "00:00",
            "23:59",
            "UTC",
            errors);
    assertEquals(List.of(), errors);
    assertEquals(EnumSet.allOf(DayOfWeek.class), all.orElseThrow().days());
  }

  @Test
  void windowAfterATuesdayIsTheComingSaturdayNight() {
    assertEquals(
        new Window(paris(5, "22:00"), paris(6, "06:00")),
        WEEKEND_NIGHTS.windowAfter(paris(1, "12:00")));
  }

  @Test
  void windowAfterAnInstantInsideAWindowIsThatWindow() {
    assertEquals(
        new Window(paris(5, "22:00"), paris(6, "06:00")),
        WEEKEND_NIGHTS.windowAfter(paris(6, "03:00")),
        "Sunday 03:00 is in the window Saturday night started");
    assertEquals(
        new Window(paris(5, "22:00"), paris(6, "06:00")),
        WEEKEND_NIGHTS.windowAfter(paris(5, "22:00")),
        "from is inclusive");
  }

  @Test
  void windowAfterItsEndIsTheNextOne() {
    assertEquals(
        new Window(paris(6, "22:00"), paris(7, "06:00")),
        WEEKEND_NIGHTS.windowAfter(paris(6, "06:00")),
        "to is exclusive");
    assertEquals(
        new Window(paris(12, "22:00"), paris(13, "06:00")),
        WEEKEND_NIGHTS.windowAfter(paris(7, "06:00")),
        "Monday morning: the next Saturday");
  }

  @Test
  void windowAcrossSpringForwardIsAnHourShorterInRealTime() {
    Window w = WEEKEND_NIGHTS.windowAfter(paris(SPRING_FORWARD.minusDays(1), "23:00"));
    assertEquals(paris(SPRING_FORWARD.minusDays(1), "22:00"), w.startsAt());
    assertEquals(paris(SPRING_FORWARD, "06:00"), w.endsAt());
    assertEquals(Duration.ofHours(7), Duration.between(w.startsAt(), w.endsAt()));
  }

  @Test
  void windowAfterAgreesWithCoversAroundTheWeekAndClockChanges() {
    for (LocalDate week : List.of(MONDAY, SPRING_FORWARD.minusDays(6), FALL_BACK.minusDays(6))) {
      Instant t = paris(week, "00:00");
      Instant end = paris(week.plusDays(8), "00:00");
      for (; t.isBefore(end); t = t.plus(Duration.ofMinutes(30))) {
        Window w = WEEKEND_NIGHTS.windowAfter(t);
        assertEquals(WEEKEND_NIGHTS.covers(t), w.contains(t), "at " + t);
        assertTrue(w.endsAt().isAfter(t), "at " + t);
      }
    }
  }
}
