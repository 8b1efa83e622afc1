package dev.pulse.gateway.live;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * LiveGateway is what the endpoint does with a socket: admit it (a verified viewer, under the
 * per-user cap), answer its messages (subscribe, unsubscribe, ping, auth) and close it with the
 * right code. Closing runs on a managed thread, never on the thread that found the reason.
 */
@ApplicationScoped
public class LiveGateway implements LiveSession.Owner {

  static final int MAX_SUBSCRIPTIONS = 100;
  private static final Logger LOG = System.getLogger(LiveGateway.class.getName());

  @Inject LiveConfig config;
  @Inject SessionRegistry registry;
  @Inject Subscriptions subscriptions;
  @Inject TokenVerifier tokens;
  @Inject LiveMetrics metrics;

  @Resource ManagedExecutorService executor;

  /** Admits a socket: its session, or null when it was refused (and is being closed). */
  LiveSession opened(Session socket) {
    Viewer viewer = (Viewer) socket.getUserProperties().get(LiveHandshake.VIEWER);
    if (viewer == null) {
      metrics.dropped("unauthorized");
      closeNow(socket, Closing.UNAUTHORIZED.reason("an access token is required"));
      return null;
    }
    LiveSession s = new LiveSession(socket, viewer, this, config.queueLimit());
    if (!registry.open(s)) {
      s.markClosing();
      metrics.dropped("connection_limit");
      closeNow(
          socket,
          Closing.TOO_MANY.reason(
              "at most " + config.maxConnectionsPerUser() + " connections per user"));
      return null;
    }
    s.send(
        "{\"type\":\"hello\",\"user\":\""
            + viewer.user()
            + "\",\"heartbeat_seconds\":"
            + config.heartbeat().toSeconds()
            + ",\"expires_at\":\""
            + viewer.expiresAt()
            + "\"}");
    return s;
  }

  void received(LiveSession s, String text) {
    s.heard();
    try {
      handle(s, ClientMessage.parse(text));
    } catch (ClientMessage.Invalid e) {
      rejected(s, e);
    }
  }

  void receivedBinary(LiveSession s) {
    s.heard();
    rejected(s, new ClientMessage.Invalid(400, null, "send JSON text messages, not binary"));
  }

  /** Answers a bad message with an error frame; a flood of them closes the socket with 1008. */
  private void rejected(LiveSession s, ClientMessage.Invalid e) {
    error(s, e.status, e.sub, e.getMessage());
    if (s.misbehaves(config.maxBadMessages())) {
      mustClose(
          s,
          new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "too many malformed messages"),
          "malformed");
    }
  }

  void closed(LiveSession s) {
    s.markClosing();
    registry.remove(s);
  }

  private void handle(LiveSession s, ClientMessage m) {
    switch (m.op()) {
      case "ping" -> s.send("{\"type\":\"pong\"}");
      case "auth" -> renew(s, m.token());
      case "unsubscribe" -> {
        if (!registry.unsubscribe(s, m.id())) {
          throw new ClientMessage.Invalid(404, m.id(), "no subscription \"" + m.id() + "\"");
        }
        s.send("{\"type\":\"unsubscribed\",\"sub\":" + Json.createValue(m.id()) + "}");
      }
      case "subscribe" -> {
        if (s.subscriptions.size() >= MAX_SUBSCRIPTIONS) {
          throw new ClientMessage.Invalid(
              400, m.id(), "at most " + MAX_SUBSCRIPTIONS + " subscriptions per connection");
        }
        subscriptions.start(s, m);
      }
      default -> throw new IllegalStateException(m.op());
    }
  }

  private void renew(LiveSession s, String token) {
    Viewer renewed =
        tokens
            .verify(token)
            .filter(v -> v.user().equals(s.viewer().user()))
            .orElseThrow(
                () ->
                    new ClientMessage.Invalid(
                        401, null, "the token is invalid, expired or another user's"));
    s.viewer(renewed);
    s.send("{\"type\":\"authenticated\",\"expires_at\":\"" + renewed.expiresAt() + "\"}");
  }

  static void error(LiveSession s, int status, String sub, String detail) {
    s.send(
        "{\"type\":\"error\",\"sub\":"
            + (sub == null ? "null" : Json.createValue(sub).toString())
            + ",\"status\":"
            + status
            + ",\"detail\":"
            + Json.createValue(detail)
            + "}");
  }

  @Override
  public void sent(LiveSession session, long queuedAtNanos) {
    metrics.sent(queuedAtNanos);
  }

  @Override
  public void mustClose(LiveSession s, CloseReason reason, String metricReason) {
    if (!s.markClosing()) {
      return;
    }
    metrics.dropped(metricReason);
    LOG.log(
        Level.INFO,
        "Closing live session {0} of user {1}: {2} ({3})",
        s.id(),
        s.viewer().user(),
        reason.getReasonPhrase(),
        reason.getCloseCode().getCode());
    registry.remove(s);
    try {
      executor.execute(() -> closeNow(s.socket, reason));
    } catch (RuntimeException shuttingDown) {
      closeNow(s.socket, reason);
    }
  }

  private static void closeNow(Session socket, CloseReason reason) {
    try {
      socket.close(reason);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.DEBUG, "closing {0}: {1}", socket.getId(), e.toString());
    }
  }
}
