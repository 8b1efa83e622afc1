package it.dev.pulse.live;

import static org.junit.jupiter.api.Assertions.fail;

import it.dev.pulse.support.TestEnv;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * LiveClient is a real WebSocket client (Tyrus) of {@code /live/ws}: it keeps every frame it
 * receives, in order, and how the server closed it. {@link #stall} makes it stop reading, as a
 * client on a slow link would.
 */
final class LiveClient extends Endpoint implements AutoCloseable {

  private static final WebSocketContainer CONTAINER = ContainerProvider.getWebSocketContainer();

  final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
  private final List<JsonObject> seen = new ArrayList<>();
  private volatile CountDownLatch stalled = new CountDownLatch(0);
  private Session session;
  String negotiated;

  /** Connects with {@code ?token=}. */
  static LiveClient connect(String token) {
    return open(URI.create(url() + "?token=" + token), List.of());
  }

  /** Connects offering the subprotocols {@code pulse.v1} and {@code bearer.<token>}. */
  static LiveClient connectWithSubprotocol(String token) {
    return open(URI.create(url()), List.of("pulse.v1", "bearer." + token));
  }

  static String url() {
    return "ws://127.0.0.1:" + TestEnv.httpPort() + "/live/ws";
  }

  private static LiveClient open(URI uri, List<String> protocols) {
    LiveClient client = new LiveClient();
    ClientEndpointConfig config =
        ClientEndpointConfig.Builder.create().preferredSubprotocols(protocols).build();
    try {
      client.session = CONTAINER.connectToServer(client, config, uri);
      client.session.setMaxTextMessageBufferSize(1 << 20);
      client.negotiated = client.session.getNegotiatedSubprotocol();
      return client;
    } catch (Exception e) {
      throw new IllegalStateException("could not connect to " + uri + ": " + e, e);
    }
  }

  @Override
  public void onOpen(Session s, EndpointConfig config) {
    s.addMessageHandler(
        String.class,
        (MessageHandler.Whole<String>)
            text -> {
              try {
                stalled.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              try (JsonReader r = Json.createReader(new StringReader(text))) {
                frames.add(r.readObject());
              }
            });
  }

  @Override
  public void onClose(Session s, CloseReason reason) {
    closed.complete(reason);
  }

  /** Stops reading until {@link #resume}. */
  void stall() {
    stalled = new CountDownLatch(1);
  }

  void resume() {
    stalled.countDown();
  }

  void send(String json) {
    try {
      session.getBasicRemote().sendText(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  void send(JsonObject message) {
    send(message.toString());
  }

  /** The next frame matching {@code which} (earlier ones are kept for {@link #seen}). */
  JsonObject await(Duration timeout, String what, Predicate<JsonObject> which) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (JsonObject f : seen) {
      if (which.test(f)) {
        seen.remove(f);
        return f;
      }
    }
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        JsonObject f = left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
        if (f == null) {
          fail("no " + what + " within " + timeout + "; frames seen: " + seen);
        }
        if (which.test(f)) {
          return f;
        }
        seen.add(f);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every frame received within {@code quiet} that matches, without waiting for any. */
  List<JsonObject> drain(Duration quiet, Predicate<JsonObject> which) {
    List<JsonObject> out = new ArrayList<>();
    long deadline = System.nanoTime() + quiet.toNanos();
    seen.removeIf(
        f -> {
          if (which.test(f)) {
            out.add(f);
            return true;
          }
          return false;
        });
    try {
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        JsonObject f = frames.poll(left, TimeUnit.NANOSECONDS);
        if (f != null && which.test(f)) {
          out.add(f);
        } else if (f != null) {
          seen.add(f);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return out;
  }

  CloseReason awaitClose(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      fail("the server did not close the socket within " + timeout + ": " + e);
      return null;
    }
  }

  boolean isOpen() {
    return session.isOpen();
  }

  @Override
  public void close() {
    resume();
    try {
      if (session.isOpen()) {
        session.close();
      }
    } catch (Exception e) {
      // already gone
    }
  }

  static Predicate<JsonObject> type(String type) {
    return f -> type.equals(f.getString("type", null));
  }

  static Predicate<JsonObject> type(String type, String sub) {
    return f -> type.equals(f.getString("type", null)) && sub.equals(f.getString("sub", null));
  }
}
