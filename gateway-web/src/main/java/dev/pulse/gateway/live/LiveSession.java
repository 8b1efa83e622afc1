package dev.pulse.gateway.live;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * LiveSession is one client socket: its viewer, its subscriptions and its outgoing queue. Sends are
 * asynchronous and one at a time; the queue is bounded, and a client that lets it fill up is
 * reported to its {@link Owner} (which closes it with 1013) instead of slowing the sender or
 * growing memory. Pings travel through the same queue, so they never overlap a text frame.
 */
final class LiveSession {

  /** What a session reports back: frames sent, and the reason it must be closed. */
  interface Owner {
    void sent(LiveSession session, long queuedAtNanos);

    void mustClose(LiveSession session, CloseReason reason, String metricReason);
  }

  private record Frame(String text, long queuedAtNanos) {}

  private static final Frame PING = new Frame(null, 0);
  private static final ByteBuffer PING_DATA = ByteBuffer.wrap(new byte[] {'p'});

  final Session socket;
  final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final Owner owner;
  private final int queueLimit;
  private final Queue<Frame> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicBoolean sending = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final ArrayDeque<Long> badMessages = new ArrayDeque<>();
  private volatile Thread drainer;
  private volatile Viewer viewer;
  private volatile long lastHeardNanos = System.nanoTime();
  private volatile long lastPingNanos = System.nanoTime();

  LiveSession(Session socket, Viewer viewer, Owner owner, int queueLimit) {
    this.socket = socket;
    this.viewer = viewer;
    this.owner = owner;
    this.queueLimit = queueLimit;
  }

  String id() {
    return socket.getId();
  }

  Viewer viewer() {
    return viewer;
  }

  void viewer(Viewer renewed) {
    this.viewer = renewed;
  }

  boolean expired(Instant now, java.time.Duration skew) {
    return now.isAfter(viewer.expiresAt().plus(skew));
  }

  void heard() {
    lastHeardNanos = System.nanoTime();
  }

  long silentNanos() {
    return System.nanoTime() - lastHeardNanos;
  }

  /** Queues a ping if the last one is {@code everyNanos} old. */
  void pingIfDue(long everyNanos) {
    long now = System.nanoTime();
    if (now - lastPingNanos >= everyNanos) {
      lastPingNanos = now;
      offer(PING);
    }
  }

  /** Counts a malformed message; true when more than {@code max} arrived within 10 s. */
  synchronized boolean misbehaves(int max) {
    long now = System.nanoTime();
    badMessages.addLast(now);
    while (!badMessages.isEmpty() && now - badMessages.peekFirst() > 10_000_000_000L) {
      badMessages.removeFirst();
    }
    return badMessages.size() > max;
  }

  /** Queues a text frame; false when the session is closing or was found too slow. */
  boolean send(String text) {
    return offer(new Frame(text, System.nanoTime()));
  }

  boolean isClosing() {
    return closing.get();
  }

  /** Marks the session closing (once) and drops what it still had to send. */
  boolean markClosing() {
    if (!closing.compareAndSet(false, true)) {
      return false;
    }
    queue.clear();
    queued.set(0);
    return true;
  }

  private boolean offer(Frame frame) {
    if (closing.get()) {
      return false;
    }
    if (queued.incrementAndGet() > queueLimit) {
      queued.decrementAndGet();
      owner.mustClose(
          this,
          new CloseReason(
              CloseReason.CloseCodes.TRY_AGAIN_LATER,
              "client too slow: more than " + queueLimit + " messages waiting"),
          "slow");
      return false;
    }
    queue.add(frame);
    drain();
    return true;
  }

  private void drain() {
    while (!closing.get() && !queue.isEmpty() && sending.compareAndSet(false, true)) {
      Frame next = queue.poll();
      if (next == null) {
        sending.set(false);
        continue;
      }
      queued.decrementAndGet();
      drainer = Thread.currentThread();
      try {
        write(next);
      } finally {
        drainer = null;
      }
      // A write that completed at once has cleared `sending`: the loop takes the next frame here
      // instead of recursing from the completion handler.
    }
  }

  private void write(Frame frame) {
    try {
      if (frame == PING) {
        socket.getAsyncRemote().sendPing(PING_DATA.duplicate());
        sending.set(false);
        return;
      }
      socket
          .getAsyncRemote()
          .sendText(
              frame.text(),
              result -> {
                sending.set(false);
                if (result.isOK()) {
                  owner.sent(this, frame.queuedAtNanos());
                } else {
                  failed();
                }
                if (drainer != Thread.currentThread()) {
                  drain();
                }
              });
    } catch (IOException | RuntimeException e) {
      sending.set(false);
      failed();
    }
  }

  private void failed() {
    owner.mustClose(
        this, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "send failed"), "send_failed");
  }
}
