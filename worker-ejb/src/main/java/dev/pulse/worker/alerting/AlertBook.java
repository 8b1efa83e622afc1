package dev.pulse.worker.alerting;

import dev.pulse.domain.alert.AlertState;
import dev.pulse.domain.alert.Flapping;
import dev.pulse.domain.alert.RuleEvaluator;
import dev.pulse.domain.alert.Transition;
import dev.pulse.domain.alert.Verdict;
import dev.pulse.domain.rule.Rule;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * AlertBook is the durable side of evaluation: it moves fingerprints through their states in
 * PostgreSQL. Each decision is re-taken on the row locked {@code for update}, so when two consumers
 * or two nodes evaluate the same fingerprint at once, the transition happens once; alerts, their
 * history and the notifications they cause commit together.
 */
@Stateless
public class AlertBook {

  private static final Flapping FLAPPING = Flapping.standard();

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Inject Transitions transitions;
  @Inject AlertFeed feed;
  @Inject RuleSet ruleSet;
  @Inject SilenceSet silences;
  @Inject dev.pulse.worker.notify.Outbox outbox;

  /** A value to judge a target by. */
  public record Decision(Target target, Double value) {}

  /** The state rows of these fingerprints (absent means inactive), read without locking. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, StateRow> states(Collection<String> fingerprints) {
    try (Connection c = db.getConnection()) {
      return new AlertRows(c)
          .states("fingerprint = any(?)", c.createArrayOf("varchar", fingerprints.toArray()));
    } catch (SQLException e) {
      throw new IllegalStateException("alert states: " + e.getMessage(), e);
    }
  }

  /** Every fingerprint that is pending or firing, with its rule id and labels, for the tick. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<OpenState> open() {
    try (Connection c = db.getConnection()) {
      return OpenState.read(c);
    } catch (SQLException e) {
      throw new IllegalStateException("open alert states: " + e.getMessage(), e);
    }
  }

  /** How many fingerprints are pending and firing now, across every project. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<String, Long> openByPhase() {
    Map<String, Long> out = new java.util.TreeMap<>(Map.of("pending", 0L, "firing", 0L));
    try (Connection c = db.getConnection();
        var ps =
            c.prepareStatement(
                "select phase, count(*) from alert_states where phase <> 'inactive' "
                    + "group by phase");
        var rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("open alerts: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Applies the decisions in one transaction, each on its locked state row.
   *
   * @param confirm whether evaluations that keep an alert open count as occurrences (the tick)
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void apply(List<Decision> decisions, Instant now, boolean confirm) {
    if (decisions.isEmpty()) {
      return;
    }
    // PostgreSQL keeps microseconds (rounding): the times compared next time must be the stored
    // ones.
    now = now.truncatedTo(ChronoUnit.MICROS);
    List<Decision> ordered = new ArrayList<>(decisions);
    ordered.sort(Comparator.comparing(d -> d.target().fingerprint()));
    List<AlertChange> changes = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      AlertRows rows = new AlertRows(c);
      Map<String, StateRow> locked =
          rows.lock(ordered.stream().map(Decision::target).toList(), now);
      for (Decision d : ordered) {
        StateRow row = locked.get(d.target().fingerprint());
        Verdict v = RuleEvaluator.evaluate(d.target().rule(), row.state(), d.value(), now);
        if (v.changes()) {
          changes.add(transitions.apply(rows, d.target(), row, v, now, flapping(row, v, now)));
        } else if (confirm && v.confirmed() && row.alertId() != null) {
          rows.confirm(row.alertId(), v.value(), now);
          rows.writeState(
              new StateRow(
                  row.fingerprint(),
                  v.next(),
                  row.alertId(),
                  row.changes(),
                  stillFlapping(row, now)),
              now);
        } else if (v.confirmed() && row.state().phase() == AlertState.Phase.FIRING) {
          rows.writeState(
              new StateRow(
                  row.fingerprint(), v.next(), row.alertId(), row.changes(), row.flapping()),
              now);
        }
      }
      feed.publishAfterCommit(c, changes);
    } catch (SQLException e) {
      throw new IllegalStateException("alert transitions: " + e.getMessage(), e);
    }
  }

  /** Resolves every open alert of a rule (disabled or deleted), as {@code cause}. */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void resolveRule(Rule rule, String cause, Instant now) {
    List<AlertChange> changes = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      AlertRows rows = new AlertRows(c);
      Map<String, StateRow> open =
          rows.states(
              "rule_id = ? and phase <> 'inactive' order by fingerprint for update", rule.id());
      for (StateRow row : open.values()) {
        changes.add(
            transitions.close(rows, rule.project(), rule.id(), rule.channels(), row, now, cause));
      }
      feed.publishAfterCommit(c, changes);
    } catch (SQLException e) {
      throw new IllegalStateException("resolve rule: " + e.getMessage(), e);
    }
  }

  /**
   * Resolves an open alert by hand; its rule raises a new one if the condition still holds after
   * {@code for}. False when the project has no such alert.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public boolean resolveManually(
      String project, java.util.UUID alertId, java.util.UUID user, Instant now) {
    List<AlertChange> changes = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      AlertRows rows = new AlertRows(c);
      Object[] alert = rows.alertOf(project, alertId);
      if (alert == null) {
        return false;
      }
      String cause = "resolved by user " + user;
      java.util.UUID ruleId = (java.util.UUID) alert[1];
      Rule rule = ruleSet.current().byId().get(ruleId);
      List<java.util.UUID> channels = rule == null ? List.of() : rule.channels();
      StateRow row = rows.states("fingerprint = ? for update", alert[0]).get((String) alert[0]);
      if (row != null && alertId.equals(row.alertId())) {
        changes.add(transitions.close(rows, project, ruleId, channels, row, now, cause));
      } else if (!"resolved".equals(alert[2])) {
        rows.resolve(alertId, null, now, false);
        rows.transition(alertId, now, (String) alert[2], "resolved", null, cause);
        changes.add(
            new AlertChange(
                project,
                alertId,
                ruleId,
                (String) alert[0],
                (String) alert[2],
                "resolved",
                null,
                now,
                cause));
      }
      feed.publishAfterCommit(c, changes);
    } catch (SQLException e) {
      throw new IllegalStateException("resolve alert: " + e.getMessage(), e);
    }
    return true;
  }

  /**
   * Notifies firing alerts whose silence has ended (they were recorded, not notified, while
   * silenced), and records the end in their history.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public void unsilence(Instant now) {
    try (Connection c = db.getConnection()) {
      AlertRows rows = new AlertRows(c);
      for (Object[] a : rows.silencedFiring()) {
        java.util.UUID id = (java.util.UUID) a[0];
        String project = (String) a[1];
        if (silences.mutes(project, dev.pulse.worker.metric.Tags.parse((String) a[2]), now)) {
          continue;
        }
        Rule rule = ruleSet.current().byId().get((java.util.UUID) a[3]);
        rows.update("update alerts set silenced = false where id = ?", id);
        rows.transition(id, now, "firing", "firing", null, "silence ended");
        if (rule != null && !rule.channels().isEmpty()) {
          outbox.enqueue(c, id, rule.channels(), "firing", false);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("unsilence: " + e.getMessage(), e);
    }
  }

  private static List<java.time.Instant> flapping(StateRow row, Verdict v, Instant now) {
    boolean counts = v.transition() == Transition.FIRED || v.transition() == Transition.RESOLVED;
    return counts ? FLAPPING.record(row.changes(), now) : FLAPPING.recent(row.changes(), now);
  }

  private static boolean stillFlapping(StateRow row, Instant now) {
    return FLAPPING.isFlapping(row.flapping(), row.changes(), now);
  }

  static boolean isFlapping(boolean was, List<Instant> changes, Instant now) {
    return FLAPPING.isFlapping(was, changes, now);
  }
}
