package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Circuit;
import dev.pulse.worker.jdbc.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * ChannelCircuits is the circuit breaker of every channel, kept in {@code channel_circuits} so all
 * nodes share it: each change is read, decided by {@link Circuit} and written back on the locked
 * row in one transaction. A closed circuit without failures costs one read per delivery.
 */
@ApplicationScoped
public class ChannelCircuits {

  static final String COLUMNS = "state, consecutive_failures, last_error, opened_at, probe_at";

  @Inject NotifyConfig config;
  @Inject NotifyMetrics metrics;

  // Unshareable, as NotificationRows': used from deliveries on managed tasks.
  @Resource(lookup = "jdbc/pulse", shareable = false)
  DataSource db;

  /** May a delivery to the channel go out now? A probe is taken for the caller when it is one. */
  Circuit.Permit permit(UUID channel, Instant now) {
    Circuit current = read(channel);
    Circuit.Permit permit = current.permit(now, config.circuitCoolDown());
    if (permit.verdict() != Circuit.Verdict.PROBE) {
      return permit;
    }
    Circuit.Permit[] taken = {permit};
    change(
        channel,
        locked -> {
          taken[0] = locked.permit(now, config.circuitCoolDown());
          return taken[0].verdict() == Circuit.Verdict.PROBE ? locked.probing(now) : locked;
        });
    return taken[0];
  }

  /**
   * Records a delivery's outcome (success closes the circuit, failures may open it); the result.
   */
  Circuit record(UUID channel, Delivery d, Instant now) {
    if (d.outcome() == Delivery.Outcome.SENT) {
      Circuit current = read(channel);
      if (current.state() != Circuit.State.CLOSED || current.consecutiveFailures() > 0) {
        return change(channel, Circuit::succeeded);
      }
      return current;
    }
    String error = d.error() == null ? "HTTP " + d.httpStatus() : d.error();
    Circuit after = change(channel, c -> c.failed(error, now, config.circuitFailures()));
    if (after.state() == Circuit.State.OPEN && now.equals(after.openedAt())) {
      metrics.circuitOpened(channel);
    }
    return after;
  }

  /** The state of every circuit that is not closed ("open", "half_open"), by channel. */
  public Map<UUID, String> notClosed() {
    Map<UUID, String> out = new TreeMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select channel_id, state from channel_circuits where state <> 'closed'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getObject(1, UUID.class), rs.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("channel circuits: " + e.getMessage(), e);
    }
    return out;
  }

  private Circuit read(UUID channel) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select " + COLUMNS + " from channel_circuits where channel_id = ?")) {
      Sql.bind(ps, channel);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? circuit(rs, 1) : Circuit.CLOSED;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("channel circuit: " + e.getMessage(), e);
    }
  }

  private Circuit change(UUID channel, UnaryOperator<Circuit> step) {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        Circuit next = changeLocked(c, channel, step);
        c.commit();
        return next;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("channel circuit: " + e.getMessage(), e);
    }
  }

  private static Circuit changeLocked(Connection c, UUID channel, UnaryOperator<Circuit> step)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "insert into channel_circuits (channel_id, state, updated_at) select id, 'closed', "
                + "now() from channels where id = ? on conflict do nothing")) {
      Sql.bind(ps, channel);
      ps.executeUpdate();
    }
    Circuit current = Circuit.CLOSED;
    try (PreparedStatement ps =
        c.prepareStatement(
            "select " + COLUMNS + " from channel_circuits where channel_id = ? for update")) {
      Sql.bind(ps, channel);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return current; // the channel was deleted
        }
        current = circuit(rs, 1);
      }
    }
    Circuit next = step.apply(current);
    try (PreparedStatement ps =
        c.prepareStatement(
            "update channel_circuits set state = ?, consecutive_failures = ?, last_error = ?, "
                + "opened_at = ?, probe_at = ?, updated_at = now() where channel_id = ?")) {
      Sql.bind(
          ps,
          next.state().name().toLowerCase(Locale.ROOT),
          next.consecutiveFailures(),
          next.lastError(),
          next.openedAt(),
          next.probeAt(),
          channel);
      ps.executeUpdate();
    }
    return next;
  }

  /** The circuit in the five {@link #COLUMNS} starting at {@code from}. */
  static Circuit circuit(ResultSet rs, int from) throws SQLException {
    return new Circuit(
        Circuit.State.valueOf(rs.getString(from).toUpperCase(Locale.ROOT)),
        rs.getInt(from + 1),
        rs.getString(from + 2),
        Sql.instant(rs, from + 3),
        Sql.instant(rs, from + 4));
  }
}
