package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a silence reports about now: {@code state} by its start and end, {@code muting_now} with its
 * recurrence taken into account, and {@code next_window}, the window it mutes in now or next. The
 * recurrences are whole UTC days chosen relative to today, so the expectations hold whatever day
 * the test runs; a call that straddles midnight is repeated.
 */
@ExtendWith(PulseServer.class)
class SilenceStateIT {

  private static JsonObject silence(Instant startsAt, Instant endsAt, JsonObject recurrence) {
    var o =
        Json.createObjectBuilder()
            .add(
                "matchers",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("label", "alertname")
                            .add("op", "=")
                            .add("value", ALERTNAME)))
            .add("starts_at", startsAt.toString())
            .add("ends_at", endsAt.toString())
            .add("comment", "state");
    if (recurrence != null) {
      o.add("recurrence", recurrence);
    }
    return o.build();
  }

  /** Whole days (00:00 to 00:00 UTC) on every weekday but, or only, {@code today}'s. */
  private static JsonObject wholeDays(LocalDate today, boolean includeToday) {
    JsonArrayBuilder days = Json.createArrayBuilder();
    for (DayOfWeek d : DayOfWeek.values()) {
      if ((d == today.getDayOfWeek()) == includeToday) {
        days.add(d.name().substring(0, 3).toLowerCase(Locale.ROOT));
      }
    }
    return Json.createObjectBuilder()
        .add("days", days)
        .add("from", "00:00")
        .add("to", "00:00")
        .add("timezone", "UTC")
        .build();
  }

  /** Runs {@code call} with today's UTC date, again if the date changed meanwhile. */
  private static JsonObject onOneDay(Function<LocalDate, JsonObject> call) {
    while (true) {
      LocalDate before = LocalDate.now(ZoneOffset.UTC);
      JsonObject result = call.apply(before);
      if (before.equals(LocalDate.now(ZoneOffset.UTC))) {
        return result;
      }
    }
  }

  private static Instant midnight(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  private static void assertWindow(Instant startsAt, Instant endsAt, JsonObject silence) {
    JsonObject w = silence.getJsonObject("next_window");
    assertEquals(startsAt, Instant.parse(w.getString("starts_at")), silence.toString());
    assertEquals(endsAt, Instant.parse(w.getString("ends_at")), silence.toString());
  }

  @Test
  void aRecurringSilenceOutsideItsDaysIsActiveButNotMutingAndNamesItsNextWindow() {
    Tenant t = Tenant.create("silence-off-day");
    Instant now = Instant.now();
    Instant ends = now.plus(Duration.ofDays(30));
    LocalDate[] day = new LocalDate[1];
    JsonObject created =
        onOneDay(
            today -> {
              day[0] = today;
              JsonObject s = silence(now.minus(Duration.ofHours(1)), ends, wholeDays(today, false));
              return t.expect(201, "POST", "/silences", s.toString());
            });
    // Every day but today: tomorrow through the day before today next week, joined in one window.
    assertEquals("active", created.getString("state"), created.toString());
    assertFalse(created.getBoolean("muting_now"), created.toString());
    assertWindow(midnight(day[0].plusDays(1)), midnight(day[0].plusDays(7)), created);

    String id = created.getString("id");
    JsonObject read = onOneDay(today -> t.get("/silences/" + id));
    assertFalse(read.getBoolean("muting_now"), read.toString());
    assertTrue(
        t.get("/silences?state=active").getJsonArray("items").stream()
            .anyMatch(s -> id.equals(s.asJsonObject().getString("id"))),
        "state filters by span, not by recurrence");
  }

  @Test
  void aRecurringSilenceOnItsDayMutesAndNamesTheWindowInProgress() {
    Tenant t = Tenant.create("silence-on-day");
    Instant now = Instant.now();
    LocalDate[] day = new LocalDate[1];
    JsonObject created =
        onOneDay(
            today -> {
              day[0] = today;
              JsonObject s =
                  silence(
                      now.minus(Duration.ofHours(1)),
                      now.plus(Duration.ofDays(30)),
                      wholeDays(today, true));
              return t.expect(201, "POST", "/silences", s.toString());
            });
    assertEquals("active", created.getString("state"), created.toString());
    assertTrue(created.getBoolean("muting_now"), created.toString());
    // Today's window, from midnight or from the silence's start if that was later.
    Instant start = Instant.parse(created.getString("starts_at"));
    Instant windowStart = start.isAfter(midnight(day[0])) ? start : midnight(day[0]);
    assertWindow(windowStart, midnight(day[0].plusDays(1)), created);
  }

  @Test
  void aSilenceWithoutRecurrenceNamesItsSpanUntilItExpires() {
    Tenant t = Tenant.create("silence-span");
    Instant starts = Instant.now().plus(Duration.ofDays(2));
    Instant ends = starts.plus(Duration.ofHours(3));
    JsonObject pending = t.expect(201, "POST", "/silences", silence(starts, ends, null).toString());
    assertEquals("pending", pending.getString("state"), pending.toString());
    assertFalse(pending.getBoolean("muting_now"), pending.toString());
    assertWindow(
        Instant.parse(pending.getString("starts_at")),
        Instant.parse(pending.getString("ends_at")),
        pending);

    String id = pending.getString("id");
    assertEquals(204, t.call("DELETE", "/silences/" + id, null).statusCode());
    JsonObject expired = t.get("/silences/" + id);
    assertEquals("expired", expired.getString("state"), expired.toString());
    assertFalse(expired.getBoolean("muting_now"), expired.toString());
    assertTrue(expired.isNull("next_window"), expired.toString());
  }
}
