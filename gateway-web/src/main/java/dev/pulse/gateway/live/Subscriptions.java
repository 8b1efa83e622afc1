package dev.pulse.gateway.live;

import dev.pulse.domain.tenancy.ProjectRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Subscriptions starts a {@code subscribe}: the viewer must be a member of the project (else 404,
 * as the REST API answers), the id must be free (else 409); an alert subscription with {@code
 * since} replays what the client missed from the project's log, on a managed thread, while live
 * changes wait their turn.
 */
@ApplicationScoped
public class Subscriptions {

  private static final Logger LOG = System.getLogger(Subscriptions.class.getName());

  @Inject SessionRegistry registry;
  @Inject AlertLog log;
  @EJB ProjectRepository projects;
  @Resource ManagedExecutorService executor;

  void start(LiveSession s, ClientMessage m) {
    if (projects.roleOf(m.project(), s.viewer().user()).isEmpty()) {
      throw new ClientMessage.Invalid(
          404, m.id(), "no project \"" + m.project() + "\" among yours");
    }
    if (s.subscriptions.containsKey(m.id())) {
      throw new ClientMessage.Invalid(409, m.id(), "subscription \"" + m.id() + "\" exists");
    }
    String sub = Json.createValue(m.id()).toString();
    if ("metrics".equals(m.stream())) {
      s.send("{\"type\":\"subscribed\",\"sub\":" + sub + "}");
      registry.subscribe(s, Subscription.metrics(m.id(), m.project(), m.names(), m.tags()));
      return;
    }
    Subscription alerts =
        Subscription.alerts(m.id(), m.project(), m.severities(), m.rules(), m.states());
    if (m.since() == null) {
      s.send(
          "{\"type\":\"subscribed\",\"sub\":" + sub + ",\"seq\":" + log.latest(m.project()) + "}");
      registry.subscribe(s, alerts);
      return;
    }
    long since = m.since();
    alerts.holdFrom(since);
    registry.subscribe(s, alerts);
    replay(s, alerts, since, true);
  }

  /**
   * Replays, on a managed thread, the changes after {@code since} to a subscription that holds live
   * ones meanwhile; {@code announce} sends the {@code subscribed} answer first.
   */
  void replay(LiveSession s, Subscription sub, long since, boolean announce) {
    executor.execute(() -> replayNow(s, sub, since, announce));
  }

  private void replayNow(LiveSession s, Subscription sub, long since, boolean announce) {
    try {
      AlertLog.Replay r = log.since(sub.project, since);
      if (announce) {
        s.send(
            "{\"type\":\"subscribed\",\"sub\":"
                + Json.createValue(sub.id)
                + ",\"seq\":"
                + r.latest()
                + "}");
      }
      if (r.gap()) {
        sub.reset(s, r.latest());
      } else {
        sub.replayed(s, r.missed());
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Replay for {0} failed: {1}", s.id(), e.toString());
      LiveGateway.error(s, 503, sub.id, "could not replay missed alerts; reload them over REST");
      sub.reset(s, since);
    }
  }
}
