package dev.pulse.domain.alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * AlertRepository reads alerts, their history and their notifications as the API shows them, newest
 * first with keyset paging, and records acknowledgements (a note on an alert, not a transition of
 * its state).
 */
public interface AlertRepository {

  /** A page of items and the cursor of the next page (null at the end). */
  public record Page<T>(List<T> items, String nextCursor) {}

  /** One alert: a firing episode of one fingerprint. Nullable: the values and times not reached. */
  public record Alert(
      UUID id,
      String project,
      String fingerprint,
      UUID ruleId,
      String state,
      String severity,
      Map<String, String> labels,
      Map<String, String> annotations,
      Double value,
      Double threshold,
      Instant startedAt,
      Instant firedAt,
      Instant lastSeenAt,
      Instant resolvedAt,
      long occurrences,
      boolean silenced,
      boolean flapping,
      UUID acknowledgedBy,
      Instant acknowledgedAt) {}

  /** One transition of an alert; {@code from} is null for the first. */
  public record Transition(Instant at, String from, String to, Double value, String cause) {}

  /** One notification and its delivery attempts, oldest first. */
  public record Notification(
      UUID id,
      UUID alertId,
      UUID ruleId,
      UUID channelId,
      String kind,
      String status,
      List<Attempt> attempts,
      Instant createdAt,
      Instant sentAt,
      UUID digestId,
      UUID fallbackOf) {}

  /** One delivery attempt: the receiver's HTTP status and the error, each null when none. */
  public record Attempt(Instant at, Integer httpStatus, String error) {}

  /** A keyset position: the time and id of the last item of a page. */
  public record Cursor(Instant at, UUID id) {
    @Override
    public String toString() {
      return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000 + "_" + id;
    }

    /**
     * @throws IllegalArgumentException when the text is not a cursor
     */
    public static Cursor parse(String text) {
      int bar = text.indexOf('_');
      if (bar < 0) {
        throw new IllegalArgumentException("not a cursor");
      }
      long micros = Long.parseLong(text.substring(0, bar));
      return new Cursor(
          Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000),
          UUID.fromString(text.substring(bar + 1)));
    }
  }

  /** The project's alerts, filtered by whichever of the arguments are not null. */
  Page<Alert> alerts(
      String project,
      String state,
      UUID rule,
      String severity,
      Instant from,
      Instant to,
      int limit,
      String cursor);

  /** The project's notifications, filtered by whichever of the arguments are not null. */
  Page<Notification> notifications(
      String project, UUID alert, UUID channel, String status, int limit, String cursor);

  Optional<Alert> alert(String project, UUID id);

  /** Every transition of an alert, oldest first; empty when there is no such alert. */
  Optional<List<Transition>> history(String project, UUID id);

  /** Marks an alert acknowledged by {@code user}; false when there is no such alert. */
  boolean acknowledge(String project, UUID id, UUID user, Instant now);
}
