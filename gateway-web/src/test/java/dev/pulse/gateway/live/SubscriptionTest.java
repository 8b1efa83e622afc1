package dev.pulse.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.websocket.CloseReason;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

  final RecordingSocket socket = new RecordingSocket();
  final LiveSession session =
      new LiveSession(
          socket.session(),
          new Viewer(UUID.randomUUID(), Instant.now()),
          new LiveSession.Owner() {
            @Override
            public void sent(LiveSession s, long queuedAtNanos) {}

            @Override
            public void mustClose(LiveSession s, CloseReason reason, String metricReason) {}
          },
          100);

  static AlertMessage change(long seq, String severity, String state) {
    return new AlertMessage(seq, "p", "{\"n\":" + seq + "}", "r1", "Checkout", severity, state);
  }

  @Test
  void filtersMatchAnyValueOfEachListAndRulesByIdOrName() {
    Subscription sub =
        Subscription.alerts("s", "p", Set.of("critical"), Set.of("Checkout"), Set.of("firing"));
    sub.deliver(session, change(1, "critical", "firing"));
    sub.deliver(session, change(2, "warning", "firing"));
    sub.deliver(session, change(3, "critical", "resolved"));
    assertEquals(List.of(change(1, "critical", "firing").frame("s")), socket.sent);
  }

  @Test
  void aResumeSendsMissedThenHeldChangesEachOnceInOrder() {
    Subscription sub = Subscription.alerts("s", "p", Set.of(), Set.of(), Set.of());
    sub.holdFrom(3);
    sub.deliver(session, change(5, "critical", "firing"));
    sub.deliver(session, change(6, "critical", "firing"));
    sub.replayed(session, List.of(change(4, "c", "firing"), change(5, "c", "firing")));
    assertEquals(3, socket.sent.size());
    assertEquals(List.of(4L, 5L, 6L), socket.sent.stream().map(SubscriptionTest::seq).toList());
  }

  @Test
  void aJumpInNumbersAsksForTheGapAndHoldsTheChange() {
    Subscription sub = Subscription.alerts("s", "p", Set.of(), Set.of(), Set.of());
    assertEquals(-1, sub.deliver(session, change(7, "c", "firing")));
    assertEquals(7, sub.deliver(session, change(10, "c", "firing")));
    sub.replayed(session, List.of(change(8, "c", "firing"), change(9, "c", "firing")));
    assertEquals(
        List.of(7L, 8L, 9L, 10L), socket.sent.stream().map(SubscriptionTest::seq).toList());
  }

  @Test
  void numbersStartingOverMeanResetThenLive() {
    Subscription sub = Subscription.alerts("s", "p", Set.of(), Set.of(), Set.of());
    sub.deliver(session, change(50, "c", "firing"));
    sub.deliver(session, change(1, "c", "firing"));
    assertEquals("{\"type\":\"reset\",\"sub\":\"s\",\"seq\":0}", socket.sent.get(1));
    assertEquals(1L, seq(socket.sent.get(2)));
  }

  private static long seq(String frame) {
    int i = frame.indexOf("\"seq\":") + 6;
    return Long.parseLong(frame.substring(i, frame.indexOf(',', i)));
  }
}
