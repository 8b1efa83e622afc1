package dev.pulse.worker.alerting;

import dev.pulse.domain.alert.AlertState;
import dev.pulse.domain.alert.Template;
import dev.pulse.domain.alert.Transition;
import dev.pulse.domain.alert.Verdict;
import dev.pulse.domain.rule.Rule;
import dev.pulse.worker.notify.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Transitions writes what one transition means: the alert row (opened, fired, resolved), its
 * history entry, the fingerprint's new state and the notifications it causes — silenced ones
 * recorded as such, and while a fingerprint flaps, one flapping notice instead of one per flip.
 */
@ApplicationScoped
public class Transitions {

  @Inject SilenceSet silences;
  @Inject Outbox outbox;

  AlertChange apply(
      AlertRows rows, Target t, StateRow row, Verdict v, Instant now, List<Instant> changes)
      throws SQLException {
    Rule rule = t.rule();
    boolean flapping = AlertBook.isFlapping(row.flapping(), changes, now);
    boolean startsFlapping = flapping && !row.flapping();
    String from = phase(row.state());
    UUID alert = row.alertId();
    Map<String, String> labels = labels(rule, t.labels());
    boolean silenced = silences.mutes(rule.project(), labels, now);
    String cause = cause(rule, v);
    switch (v.transition()) {
      case PENDING, FIRED -> {
        String to = v.transition().alertState();
        if (alert == null) {
          alert = UUID.randomUUID();
          rows.insertAlert(
              new AlertRows.NewAlert(
                  alert,
                  rule.project(),
                  rule.id(),
                  t.fingerprint(),
                  to,
                  rule.severity(),
                  labels,
                  annotations(rule, labels, v.value()),
                  v.value(),
                  rule.threshold(),
                  now,
                  silenced,
                  flapping));
        } else {
          rows.fire(alert, v.value(), now, silenced, flapping);
        }
        rows.transition(alert, now, from, to, v.value(), cause);
        if (v.transition() == Transition.FIRED) {
          notify(
              rows,
              rule,
              alert,
              startsFlapping ? "flapping" : "firing",
              flapping && !startsFlapping,
              silenced);
        }
      }
      case RESOLVED, CANCELLED -> {
        rows.resolve(alert, v.value(), now, flapping);
        rows.transition(alert, now, from, "resolved", v.value(), cause);
        if (v.transition() == Transition.RESOLVED) {
          notify(
              rows,
              rule,
              alert,
              startsFlapping ? "flapping" : "resolved",
              flapping && !startsFlapping,
              silenced);
        }
      }
      default -> throw new IllegalStateException("not a transition: " + v.transition());
    }
    UUID open = v.next().isOpen() ? alert : null;
    rows.writeState(new StateRow(t.fingerprint(), v.next(), open, changes, flapping), now);
    String to = v.transition().alertState();
    return new AlertChange(
        rule.project(), alert, rule.id(), t.fingerprint(), from, to, v.value(), now, cause);
  }

  /** Closes an open fingerprint without evaluating it (rule disabled or deleted, or by hand). */
  AlertChange close(
      AlertRows rows,
      String project,
      UUID rule,
      List<UUID> channels,
      StateRow row,
      Instant now,
      String cause)
      throws SQLException {
    String from = phase(row.state());
    rows.resolve(row.alertId(), null, now, row.flapping());
    rows.transition(row.alertId(), now, from, "resolved", null, cause);
    if (row.state().phase() == AlertState.Phase.FIRING && !row.flapping() && !channels.isEmpty()) {
      outbox.enqueue(rows.connection(), row.alertId(), channels, "resolved", false);
    }
    rows.writeState(
        new StateRow(row.fingerprint(), AlertState.INACTIVE, null, row.changes(), row.flapping()),
        now);
    return new AlertChange(
        project, row.alertId(), rule, row.fingerprint(), from, "resolved", null, now, cause);
  }

  private void notify(
      AlertRows rows, Rule rule, UUID alert, String kind, boolean suppressed, boolean silenced)
      throws SQLException {
    if (suppressed || rule.channels().isEmpty()) {
      return; // flapping: the one flapping notice went out already
    }
    outbox.enqueue(rows.connection(), alert, rule.channels(), kind, silenced);
  }

  static Map<String, String> labels(Rule rule, Map<String, String> group) {
    Map<String, String> labels = new TreeMap<>(rule.labels());
    labels.put("alertname", rule.name());
    labels.put("severity", rule.severity());
    labels.putAll(group);
    return labels;
  }

  private static Map<String, String> annotations(
      Rule rule, Map<String, String> labels, Double value) {
    Map<String, String> out = new TreeMap<>();
    rule.annotations()
        .forEach((k, tpl) -> out.put(k, Template.render(tpl, labels, value, rule.threshold())));
    return out;
  }

  private static String cause(Rule rule, Verdict v) {
    String value =
        v.value() == null
            ? "no data"
            : "value " + Template.render("{{value}}", Map.of(), v.value(), null);
    return switch (v.transition()) {
      case PENDING -> "evaluation: " + value + ", waiting for " + rule.forDuration();
      case FIRED -> "evaluation: " + value;
      case RESOLVED -> "evaluation: " + value + ", condition no longer holds";
      case CANCELLED -> "evaluation: " + value + ", stopped before 'for' elapsed";
      case NONE -> "evaluation";
    };
  }

  private static String phase(AlertState s) {
    return s.phase() == AlertState.Phase.INACTIVE
        ? null
        : s.phase().name().toLowerCase(Locale.ROOT);
  }
}
