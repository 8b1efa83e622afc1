package dev.pulse.domain.silence;

import dev.pulse.domain.event.FieldError;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recurrence is a weekly window in wall-clock time: it starts at {@code from} on each listed day
 * and ends at {@code to}, on the next day when {@code to} is not after {@code from} (so {@code from
 * == to} is a whole 24 hours). Daylight-saving changes move the window in real time, never on the
 * wall clock.
 */
public record Recurrence(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {

  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

  private static final Map<String, DayOfWeek> DAY_NAMES =
      Map.of(
          "mon", DayOfWeek.MONDAY,
          "tue", DayOfWeek.TUESDAY,
          "wed", DayOfWeek.WEDNESDAY,
          "thu", DayOfWeek.THURSDAY,
          "fri", DayOfWeek.FRIDAY,
          "sat", DayOfWeek.SATURDAY,
          "sun", DayOfWeek.SUNDAY);

  public Recurrence {
    Objects.requireNonNull(days, "days");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a recurrence needs at least one day");
    }
    days = Set.copyOf(days);
  }

  /** Whether {@code t} falls in a window, judged on the wall clock of {@link #zone}. */
  public boolean covers(Instant t) {
    ZonedDateTime local = t.atZone(zone);
    DayOfWeek day = local.getDayOfWeek();
    LocalTime time = local.toLocalTime();
    if (from.isBefore(to)) {
      return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
    }
    // The window runs past midnight: it started today, or it started yesterday and runs on.
    return (days.contains(day) && !time.isBefore(from))
        || (days.contains(day.minus(1)) && time.isBefore(to));
  }

  /**
   * The window in progress at {@code t}, or else the first one to start after it: each listed day's
   * {@code from} to its {@code to} on the wall clock of {@link #zone}, as real time. A wall-clock
   * time skipped by a daylight-saving change moves forward by the length of the gap.
   */
  public Window windowAfter(Instant t) {
    LocalDate day = t.atZone(zone).toLocalDate().minusDays(1); // a window may run on from yesterday
    while (true) {
      if (days.contains(day.getDayOfWeek())) {
        Instant start = day.atTime(from).atZone(zone).toInstant();
        Instant end =
            (from.isBefore(to) ? day : day.plusDays(1)).atTime(to).atZone(zone).toInstant();
        if (end.isAfter(t) && start.isBefore(end)) {
          return new Window(start, end);
        }
      }
      day = day.plusDays(1); // within eight days: days is never empty
    }
  }

  /**
   * Parses a recurrence from request strings: days {@code mon..sun} (any case), times {@code HH:mm}
   * and an IANA zone. Adds a {@link FieldError} per broken field (named {@code recurrence.days},
   * {@code .from}, {@code .to}, {@code .timezone}) to {@code errors}, and returns empty if any.
   */
  public static Optional<Recurrence> parse(
      List<String> days, String from, String to, String timezone, List<FieldError> errors) {
    List<FieldError> found = new ArrayList<>();
    Set<DayOfWeek> parsedDays = parseDays(days, found);
    LocalTime parsedFrom = parseTime("recurrence.from", from, found);
    LocalTime parsedTo = parseTime("recurrence.to", to, found);
    ZoneId zone = null;
    if (timezone == null || !ZoneId.getAvailableZoneIds().contains(timezone)) {
      found.add(
          new FieldError(
              "recurrence.timezone", "timezone must be an IANA zone, e.g. Europe/Paris"));
    } else {
      zone = ZoneId.of(timezone);
    }
    errors.addAll(found);
    return found.isEmpty()
        ? Optional.of(new Recurrence(parsedDays, parsedFrom, parsedTo, zone))
        : Optional.empty();
  }

  private static Set<DayOfWeek> parseDays(List<String> days, List<FieldError> errors) {
    Set<DayOfWeek> parsed = EnumSet.noneOf(DayOfWeek.class);
    if (days == null || days.isEmpty()) {
      errors.add(new FieldError("recurrence.days", "at least one day is required"));
      return parsed;
    }
    for (String name : days) {
      DayOfWeek day = name == null ? null : DAY_NAMES.get(name.toLowerCase(Locale.ROOT));
      if (day == null) {
        errors.add(
            new FieldError(
                "recurrence.days",
                "unknown day '" + name + "': days are mon, tue, wed, thu, fri, sat, sun"));
        return parsed;
      }
      parsed.add(day);
    }
    return parsed;
  }

  private static LocalTime parseTime(String field, String value, List<FieldError> errors) {
    if (value == null || !HH_MM.matcher(value).matches()) {
      errors.add(new FieldError(field, "times are HH:mm on a 24-hour clock, e.g. 22:00"));
      return null;
    }
    return LocalTime.parse(value);
  }
}
