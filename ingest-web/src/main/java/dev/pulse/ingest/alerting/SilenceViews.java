package dev.pulse.ingest.alerting;

import dev.pulse.domain.silence.LabelMatcher;
import dev.pulse.domain.silence.Recurrence;
import dev.pulse.domain.silence.Silence;
import dev.pulse.domain.silence.Window;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** SilenceViews are the bodies of the silence endpoints. */
public final class SilenceViews {

  private SilenceViews() {}

  /** A label matcher: {@code =} and {@code !=} compare, {@code =~} and {@code !~} match a regex. */
  @Schema(name = "SilenceMatcher")
  public record MatcherView(
      @Schema(required = true) String label,
      @Schema(required = true, description = "=, !=, =~ or !~") String op,
      @Schema(required = true) String value) {

    static MatcherView of(LabelMatcher m) {
      return new MatcherView(m.label(), m.op().symbol(), m.value());
    }
  }

  /** A weekly window on the wall clock of a time zone; to at or before from ends the next day. */
  @Schema(name = "SilenceRecurrence")
  public record RecurrenceView(
      @Schema(required = true, description = "mon, tue, wed, thu, fri, sat, sun") List<String> days,
      @Schema(required = true, example = "22:00") String from,
      @Schema(required = true, example = "06:00") String to,
      @Schema(required = true, example = "Europe/Paris") String timezone) {

    static RecurrenceView of(Recurrence r) {
      return r == null
          ? null
          : new RecurrenceView(
              r.days().stream()
                  .sorted()
                  .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT))
                  .toList(),
              r.from().toString(),
              r.to().toString(),
              r.zone().getId());
    }
  }

  /** A span of real time, start inclusive, end exclusive. */
  @Schema(name = "SilenceWindow")
  public record WindowView(
      @JsonbProperty("starts_at") Instant startsAt, @JsonbProperty("ends_at") Instant endsAt) {

    /**
     * Writes a window, or null. Yasson skips a null property of a class type even when it is
     * {@code @JsonbNillable}, unless a serializer of its own writes it.
     */
    public static final class OrNull implements JsonbSerializer<WindowView> {
      @Override
      public void serialize(WindowView w, JsonGenerator out, SerializationContext ctx) {
        if (w == null) {
          out.writeNull();
        } else {
          out.writeStartObject()
              .write("starts_at", w.startsAt().toString())
              .write("ends_at", w.endsAt().toString())
              .writeEnd();
        }
      }
    }
  }

  /**
   * A silence. {@code state} places now against starts_at and ends_at only; whether it mutes now,
   * which for a recurring silence also depends on its weekly windows, is {@code muting_now}. {@code
   * next_window} is the window it mutes in now or next, in UTC: for a recurring silence the
   * recurrence's window in progress or next (adjoining windows joined, cut to the span); for one
   * without recurrence its whole span. It is null once no window remains before ends_at, so always
   * null for an expired silence.
   */
  @Schema(name = "Silence")
  public record SilenceView(
      UUID id,
      String project,
      List<MatcherView> matchers,
      @JsonbProperty("starts_at") Instant startsAt,
      @JsonbProperty("ends_at") Instant endsAt,
      String comment,
      @JsonbProperty("created_by") @Schema(description = "a user id") String createdBy,
      @JsonbProperty("created_at") Instant createdAt,
      @Schema(
              enumeration = {"pending", "active", "expired"},
              description = "before starts_at, until ends_at, or after")
          String state,
      @JsonbProperty("muting_now")
          @Schema(description = "whether it mutes matching alerts now, recurrence included")
          boolean mutingNow,
      @JsonbProperty("next_window")
          @JsonbNillable
          @JsonbTypeSerializer(WindowView.OrNull.class)
          @Schema(description = "the window it mutes in now or next; null when none remains")
          WindowView nextWindow,
      @Schema(description = "absent unless the silence recurs weekly") RecurrenceView recurrence) {

    static SilenceView of(Silence s, Instant now) {
      return new SilenceView(
          s.id(),
          s.project(),
          s.matchers().stream().map(MatcherView::of).toList(),
          s.startsAt(),
          s.endsAt(),
          s.comment() == null ? "" : s.comment(),
          s.createdBy(),
          s.createdAt(),
          SilenceViews.state(s, now),
          s.isActiveAt(now),
          s.nextWindow(now).map(SilenceViews::window).orElse(null),
          RecurrenceView.of(s.recurrence()));
    }
  }

  /** Silences newest first, all on one page: {@code next_cursor} is always null. */
  @Schema(name = "SilencePage")
  public record SilencePage(
      List<SilenceView> items,
      @JsonbProperty("next_cursor") @JsonbNillable @Schema(description = "always null")
          String nextCursor) {}

  /**
   * The body of POST: matchers (at least one), a span and optionally a weekly recurrence.
   * Documentation only: the resource reads the JSON itself, to name every wrong field at once.
   */
  @Schema(name = "SilenceInput")
  public record SilenceInput(
      @Schema(required = true) List<MatcherView> matchers,
      @JsonbProperty("starts_at") @Schema(required = true) Instant startsAt,
      @JsonbProperty("ends_at") @Schema(required = true) Instant endsAt,
      String comment,
      RecurrenceView recurrence) {}

  static String state(Silence s, Instant now) {
    return s.state(now).name().toLowerCase(Locale.ROOT);
  }

  private static WindowView window(Window w) {
    return new WindowView(w.startsAt(), w.endsAt());
  }
}
