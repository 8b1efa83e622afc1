package dev.pulse.domain.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Silence mutes the notifications of a project's alerts whose labels match all its matchers, from
 * {@code startsAt} (inclusive) to {@code endsAt} (exclusive), and, when it has a recurrence, only
 * inside the recurrence's windows.
 */
public record Silence(
    UUID id,
    String project,
    List<LabelMatcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String comment,
    String createdBy,
    Recurrence recurrence,
    Instant createdAt) {

  /**
   * State is where a silence stands against its start and end. A recurring silence is {@link
   * #ACTIVE} between its windows too, though it mutes nothing there.
   */
  public enum State {
    PENDING,
    ACTIVE,
    EXPIRED
  }

  /** A silence with no recurrence, or {@code recurrence} null, mutes throughout its span. */
  public Silence {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(project, "project");
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    comment = comment == null ? "" : comment;
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    if (matchers.isEmpty()) {
      throw new IllegalArgumentException("a silence needs at least one matcher");
    }
    if (endsAt.isBefore(startsAt)) {
      throw new IllegalArgumentException("endsAt " + endsAt + " is before startsAt " + startsAt);
    }
  }

  /** Whether an alert with these labels is muted at {@code now}. */
  public boolean mutes(Map<String, String> labels, Instant now) {
    return isActiveAt(now) && matchers.stream().allMatch(m -> m.matches(labels));
  }

  /** Whether {@code now} is in the span and, for a recurring silence, in one of its windows. */
  public boolean isActiveAt(Instant now) {
    return state(now) == State.ACTIVE && (recurrence == null || recurrence.covers(now));
  }

  /** EXPIRED from {@code endsAt} on, PENDING before {@code startsAt}, ACTIVE in between. */
  public State state(Instant now) {
    if (!now.isBefore(endsAt)) {
      return State.EXPIRED;
    }
    return now.isBefore(startsAt) ? State.PENDING : State.ACTIVE;
  }

  /**
   * The window during which this silence mutes at {@code now}, or else the next one; empty when it
   * will not mute again. Without a recurrence that is the whole span (until it expires). With one,
   * it is the recurrence's window in progress or next, joined with the windows that adjoin it (a
   * Saturday and a Sunday all day are one weekend) and cut to the span; empty when none starts
   * before {@code endsAt}.
   */
  public Optional<Window> nextWindow(Instant now) {
    Instant from = now.isBefore(startsAt) ? startsAt : now;
    if (!from.isBefore(endsAt)) {
      return Optional.empty();
    }
    if (recurrence == null) {
      return Optional.of(new Window(startsAt, endsAt));
    }
    Window w = recurrence.windowAfter(from);
    if (!w.startsAt().isBefore(endsAt)) {
      return Optional.empty();
    }
    Instant start = w.startsAt();
    while (start.isAfter(startsAt)) {
      Instant before = start.minusNanos(1);
      Window previous = recurrence.windowAfter(before);
      if (!previous.contains(before)) {
        break;
      }
      start = previous.startsAt();
    }
    Instant end = w.endsAt();
    while (end.isBefore(endsAt)) {
      Window next = recurrence.windowAfter(end);
      if (next.startsAt().isAfter(end)) {
        break;
      }
      end = next.endsAt();
    }
    return Optional.of(new Window(max(start, startsAt), min(end, endsAt)));
  }

  /** This silence ended at {@code now} at the latest: expiring a pending one ends it unstarted. */
  public Silence expire(Instant now) {
    return new Silence(
        id,
        project,
        matchers,
        min(startsAt, now),
        min(endsAt, now),
        comment,
        createdBy,
        recurrence,
        createdAt);
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
