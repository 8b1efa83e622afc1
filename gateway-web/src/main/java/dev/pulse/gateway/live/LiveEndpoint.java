package dev.pulse.gateway.live;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;

/**
 * LiveEndpoint is the socket at {@code /live/ws}: the handshake verifies the token ({@link
 * LiveHandshake}), everything after is {@link LiveGateway}'s. Text messages are at most 16 KiB (the
 * container closes larger ones with 1009); binary ones are answered with an error.
 */
@ServerEndpoint(value = "/ws", configurator = LiveHandshake.class)
public class LiveEndpoint {

  static final int MAX_MESSAGE_BYTES = 16 * 1024;
  private static final Logger LOG = System.getLogger(LiveEndpoint.class.getName());

  private LiveGateway gateway;

  /**
   * This connection's session (an endpoint instance serves one connection); null when the socket
   * was refused. Set and read under this instance's lock, so a message handled on another thread
   * right after the open sees it.
   */
  private LiveSession live;

  private boolean opened;

  @OnOpen
  public synchronized void open(Session session) {
    live = gateway().opened(session);
    opened = true;
  }

  @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
  public void text(Session session, String message) {
    LiveSession s = live(session);
    if (s != null) {
      gateway().received(s, message);
    }
  }

  @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
  public void binary(Session session, ByteBuffer message) {
    LiveSession s = live(session);
    if (s != null) {
      gateway().receivedBinary(s);
    }
  }

  @OnMessage
  public void pong(Session session, PongMessage pong) {
    LiveSession s = live(session);
    if (s != null) {
      s.heard();
    }
  }

  @OnClose
  public void close(Session session, CloseReason reason) {
    LiveSession s = live(null); // a socket refused before its open closes too
    if (s != null) {
      gateway().closed(s);
    }
  }

  /** The session; a message ({@code session} given) before the open is logged: it is dropped. */
  private synchronized LiveSession live(Session session) {
    if (!opened && session != null) {
      LOG.log(Level.WARNING, "socket {0}: a message before the open, dropped", session.getId());
    }
    return live;
  }

  @OnError
  public void error(Session session, Throwable failure) {
    LOG.log(Level.DEBUG, "socket {0}: {1}", session.getId(), failure.toString());
  }

  private LiveGateway gateway() {
    if (gateway == null) {
      gateway = CDI.current().select(LiveGateway.class).get();
    }
    return gateway;
  }
}
