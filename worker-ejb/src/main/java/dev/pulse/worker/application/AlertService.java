package dev.pulse.worker.application;

import dev.pulse.domain.alert.AlertRepository;
import dev.pulse.domain.alert.AlertRepository.Alert;
import dev.pulse.domain.alert.AlertRepository.Notification;
import dev.pulse.domain.alert.AlertRepository.Page;
import dev.pulse.domain.alert.AlertRepository.Transition;
import dev.pulse.worker.alerting.AlertBook;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * AlertService is what a user does with alerts: list and read them with their history and
 * notifications, acknowledge one (a note, announced to live dashboards), or resolve one by hand (a
 * transition through the alert book, so the rule raises a new alert if its condition still holds).
 */
@ApplicationScoped
public class AlertService {

  @EJB AlertRepository alerts;
  @EJB AlertBook book;

  /** The project's alerts, newest first, filtered by whichever arguments are not null. */
  public Page<Alert> list(
      String project,
      String state,
      UUID rule,
      String severity,
      Instant from,
      Instant to,
      int limit,
      String cursor) {
    return alerts.alerts(project, state, rule, severity, from, to, limit, cursor);
  }

  public Optional<Alert> find(String project, UUID id) {
    return alerts.alert(project, id);
  }

  /** Every transition of the alert, oldest first; empty when there is no such alert. */
  public Optional<List<Transition>> history(String project, UUID id) {
    return alerts.history(project, id);
  }

  /** The project's notifications, newest first, filtered by whichever arguments are not null. */
  public Page<Notification> notifications(
      String project, UUID alert, UUID channel, String status, int limit, String cursor) {
    return alerts.notifications(project, alert, channel, status, limit, cursor);
  }

  /** Acknowledges the alert as {@code user}; false when there is no such alert. */
  public boolean acknowledge(String project, UUID id, UUID user) {
    return alerts.acknowledge(project, id, user, Instant.now());
  }

  /** Resolves the alert by hand as {@code user}; false when there is no such alert. */
  public boolean resolve(String project, UUID id, UUID user) {
    return book.resolveManually(project, id, user, Instant.now());
  }
}
