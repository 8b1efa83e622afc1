package dev.pulse.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LiveSessionTest {

  final RecordingSocket socket = new RecordingSocket();
  final List<CloseReason> closes = new ArrayList<>();
  int sentCount;

  LiveSession session(int queueLimit) {
    LiveSession.Owner owner =
        new LiveSession.Owner() {
          @Override
          public void sent(LiveSession s, long queuedAtNanos) {
            sentCount++;
          }

          @Override
          public void mustClose(LiveSession s, CloseReason reason, String metricReason) {
            if (s.markClosing()) {
              closes.add(reason);
            }
          }
        };
    return new LiveSession(
        socket.session(), new Viewer(UUID.randomUUID(), Instant.now()), owner, queueLimit);
  }

  @Test
  void framesCompletedAtOnceAreAllSentInOrderWithoutRecursion() {
    LiveSession s = session(10);
    for (int i = 0; i < 5_000; i++) {
      assertTrue(s.send("f" + i));
    }
    assertEquals(5_000, socket.sent.size());
    assertEquals("f4999", socket.sent.get(4_999));
    assertEquals(5_000, sentCount);
  }

  @Test
  void oneFrameInFlightAtATimeAndTheRestQueued() {
    socket.holding = true;
    LiveSession s = session(10);
    s.send("a");
    s.send("b");
    s.send("c");
    assertEquals(List.of("a"), socket.sent);
    socket.complete();
    assertEquals(List.of("a", "b"), socket.sent);
    socket.complete();
    socket.complete();
    assertEquals(List.of("a", "b", "c"), socket.sent);
  }

  @Test
  void aClientThatLetsTheQueueFillIsClosedWith1013() {
    socket.holding = true;
    LiveSession s = session(3);
    s.send("in flight");
    for (int i = 0; i < 3; i++) {
      assertTrue(s.send("queued " + i));
    }
    assertFalse(s.send("one too many"));
    assertEquals(1, closes.size());
    assertEquals(1013, closes.get(0).getCloseCode().getCode());
    assertFalse(s.send("after closing"), "nothing is queued once closing");
  }
}
