package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;
import dev.pulse.worker.jdbc.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * NotificationRows is the sender's SQL on the outbox, each statement its own transaction: claim due
 * notifications under a lease ({@code for update skip locked}, so two senders never take the same
 * one), record an attempt's outcome, hold one back as throttled, fold throttled ones into a digest,
 * put one off while its channel's circuit is open, hand one to its channel's fallback.
 */
@ApplicationScoped
public class NotificationRows {

  /** How long a claimed notification is this sender's; after a crash it is claimed again. */
  static final Duration LEASE = Duration.ofSeconds(60);

  private static final String CLAIM =
      "update notifications n set next_attempt_at = ? from (select id from notifications "
          + "where status = 'pending' and next_attempt_at <= ? order by next_attempt_at limit ? "
          + "for update skip locked) due where n.id = due.id returning n.id, n.project, "
          + "n.alert_id, n.rule_id, n.channel_id, n.kind, n.payload::text, n.admitted, "
          + "jsonb_array_length(n.attempts), n.first_attempt_at, n.created_at, n.fallback_of";

  /**
   * Folds a rule and channel's held-back notifications into one digest. An alert whose firing and
   * resolved notices were both held back is one alert to its reader: the digest lists each alert
   * once, with its latest notice, and counts alerts, not notices.
   */
  private static final String DIGEST =
      "with held as (select id, alert_id, payload, created_at from notifications "
          + "where status = 'throttled' and digest_id is null and rule_id = ? and channel_id = ? "
          + "order by created_at for update skip locked), "
          + "latest as (select distinct on (coalesce(alert_id, id)) payload, created_at from held "
          + "order by coalesce(alert_id, id), created_at desc), "
          + "d as (insert into notifications (id, project, rule_id, channel_id, kind, status, "
          + "payload, admitted, next_attempt_at, created_at) select ?, ?, ?, ?, 'digest', "
          + "'pending', jsonb_build_object('alerts', coalesce((select jsonb_agg(payload order by "
          + "created_at) from (select payload, created_at from latest order by created_at "
          + "limit 50) x), '[]'::jsonb), 'held_back', (select count(*) from latest), "
          + "'notifications', (select count(*) from held)), true, ?, ? where exists (select 1 from "
          + "held)) update notifications set digest_id = ? where id in (select id from held)";

  private static final String ATTEMPTED =
      "update notifications set status = ?, attempts = attempts || cast(? as jsonb), "
          + "next_attempt_at = ?, first_attempt_at = coalesce(first_attempt_at, ?), "
          + "sent_at = case when ? = 'sent' then ? end where id = ?";

  private static final String FALLBACK =
      "insert into notifications (id, project, alert_id, rule_id, channel_id, kind, status, "
          + "payload, admitted, next_attempt_at, created_at, fallback_of) select "
          + "gen_random_uuid(), n.project, n.alert_id, n.rule_id, ?, n.kind, 'pending', "
          + "n.payload || jsonb_build_object('fallback', jsonb_build_object('channel', "
          + "cast(? as text), 'channel_id', cast(? as text), 'reason', cast(? as text))), true, "
          + "?, ?, n.id from notifications n "
          + "where n.id = ? and exists (select 1 from channels f where f.id = ? "
          + "and f.project = n.project)";

  private static final String LAST_ATTEMPT =
      "select status, created_at, attempts->-1->>'at', (attempts->-1->>'http_status')::int, "
          + "attempts->-1->>'error' from notifications where id = ? "
          + "and jsonb_array_length(attempts) > 0";

  // Unshareable: used on long-running managed tasks (the dispatcher's loop, deliveries) outside a
  // transaction, where a shareable connection stays bound to the task until it ends and a
  // delivery holding one while it waits for another (the channel lookup's) can starve the pool.
  @Resource(lookup = "jdbc/pulse", shareable = false)
  DataSource db;

  List<Claimed> claim(Instant now, int limit) {
    List<Claimed> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(CLAIM)) {
      Sql.bind(ps, now.plus(LEASE), now, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Claimed(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getObject(3, UUID.class),
                  rs.getObject(4, UUID.class),
                  rs.getObject(5, UUID.class),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getBoolean(8),
                  rs.getInt(9),
                  Sql.instant(rs, 10),
                  Sql.instant(rs, 11),
                  rs.getObject(12, UUID.class)));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("claim notifications: " + e.getMessage(), e);
    }
    return out;
  }

  void admitted(UUID id) {
    Sql.update(db, "update notifications set admitted = true where id = ?", id);
  }

  void throttled(UUID id) {
    Sql.update(
        db,
        "update notifications set status = 'throttled', next_attempt_at = null where id = ?",
        id);
  }

  /**
   * Records an attempt: sent, failed for good, or due again at {@code next} (null unless retried).
   */
  void attempted(UUID id, Instant at, Delivery d, String status, Instant next) {
    Sql.update(db, ATTEMPTED, attemptedParams(id, at, d, status, next));
  }

  private static Object[] attemptedParams(
      UUID id, Instant at, Delivery d, String status, Instant next) {
    var attempt = Json.createObjectBuilder().add("at", at.toString());
    if (d.httpStatus() > 0) {
      attempt.add("http_status", d.httpStatus());
    }
    if (d.error() != null) {
      attempt.add("error", d.error());
    }
    return new Object[] {
      status, Json.createArrayBuilder().add(attempt).build().toString(), next, at, status, at, id
    };
  }

  /** Puts a notification back, unattempted, until {@code at} (its channel's circuit is open). */
  void defer(UUID id, Instant at) {
    Sql.update(db, "update notifications set next_attempt_at = ? where id = ?", at, id);
  }

  /**
   * Hands a notification its channel could not deliver to the channel's fallback: records the
   * attempt (or the refusal) on the original as failed and queues a copy for the fallback, due now
   * and marked with the original's id and the reason, in one transaction: never both, never
   * neither.
   */
  void fallBack(Claimed n, Channel channel, Delivery attempt, String reason, Instant now) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(ATTEMPTED)) {
          Sql.bind(ps, attemptedParams(n.id(), now, attempt, "failed", null));
          ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(FALLBACK)) {
          Sql.bind(
              ps,
              channel.fallback(),
              channel.name(),
              channel.id().toString(),
              reason,
              now,
              now,
              n.id(),
              channel.fallback());
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("fall back: " + e.getMessage(), e);
    }
  }

  /** Queues a test notification to a channel, due now; its id. */
  public UUID test(String project, UUID channel, Instant now) {
    UUID id = UUID.randomUUID();
    String payload =
        Json.createObjectBuilder()
            .add("status", "firing")
            .add(
                "labels",
                Json.createObjectBuilder().add("alertname", "PulseTest").add("severity", "info"))
            .add(
                "annotations",
                Json.createObjectBuilder().add("summary", "Test notification from Pulse"))
            .add("startsAt", now.toString())
            .add("fingerprint", "0000000000000000")
            .add("alert_id", "test")
            .build()
            .toString();
    Sql.update(
        db,
        "insert into notifications (id, project, channel_id, kind, status, payload, admitted, "
            + "next_attempt_at, created_at) values (?, ?, ?, 'test', 'pending', cast(? as jsonb), "
            + "true, ?, ?)",
        id,
        project,
        channel,
        payload,
        now,
        now);
    return id;
  }

  /**
   * The last attempt at a notification, with its status and when it was queued; empty while none
   * was made.
   */
  public Optional<Attempted> lastAttempt(UUID id) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(LAST_ATTEMPT)) {
      Sql.bind(ps, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        Integer http = rs.getObject(4, Integer.class);
        return Optional.of(
            new Attempted(
                rs.getString(1),
                Sql.instant(rs, 2),
                Instant.parse(rs.getString(3)),
                http,
                rs.getString(5)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("notification attempt: " + e.getMessage(), e);
    }
  }

  /**
   * The last attempt at a notification: the notification's status since, the receiver's HTTP status
   * and the error, each null when there was none.
   */
  public record Attempted(
      String status, Instant queuedAt, Instant at, Integer httpStatus, String error) {}

  /** (rule, channel, project) of throttled notifications not yet in a digest. */
  List<Object[]> heldBack() {
    List<Object[]> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select distinct rule_id, channel_id, project from notifications "
                    + "where status = 'throttled' and digest_id is null");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Object[] {
              rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3)
            });
      }
    } catch (SQLException e) {
      throw new IllegalStateException("held back notifications: " + e.getMessage(), e);
    }
    return out;
  }

  /** Folds the held-back notifications of a rule and channel into one digest, due now. */
  int digest(UUID rule, UUID channel, String project, Instant now) {
    UUID id = UUID.randomUUID();
    return Sql.update(db, DIGEST, rule, channel, id, project, rule, channel, now, now, id);
  }
}
