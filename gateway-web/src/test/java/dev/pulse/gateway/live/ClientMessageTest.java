package dev.pulse.gateway.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientMessageTest {

  @Test
  void readsAnAlertSubscriptionWithFilterAndSince() {
    ClientMessage m =
        ClientMessage.parse(
            "{\"op\":\"subscribe\",\"id\":\"s1\",\"project\":\"default\",\"stream\":\"alerts\","
                + "\"filter\":{\"severity\":[\"critical\"],\"state\":[\"firing\"]},\"since\":41}");
    assertEquals(Set.of("critical"), m.severities());
    assertEquals(Set.of("firing"), m.states());
    assertEquals(41L, m.since());
  }

  @Test
  void readsAMetricSubscriptionWithTags() {
    ClientMessage m =
        ClientMessage.parse(
            "{\"op\":\"subscribe\",\"id\":\"m1\",\"project\":\"p\",\"stream\":\"metrics\","
                + "\"names\":[\"cpu.load\"],\"tags\":{\"host\":\"a\"}}");
    assertEquals(Set.of("cpu.load"), m.names());
    assertEquals(Map.of("host", "a"), m.tags());
  }

  @Test
  void badMessagesNameTheFieldAndTheSubscription() {
    ClientMessage.Invalid e =
        assertThrows(
            ClientMessage.Invalid.class,
            () ->
                ClientMessage.parse(
                    "{\"op\":\"subscribe\",\"id\":\"s1\",\"project\":\"p\",\"stream\":\"alerts\","
                        + "\"filter\":{\"state\":[\"burning\"]}}"));
    assertEquals("s1", e.sub);
    assertEquals(400, e.status);
    assertEquals(true, e.getMessage().startsWith("filter.state"));
    assertThrows(ClientMessage.Invalid.class, () -> ClientMessage.parse("[1]"));
    assertThrows(ClientMessage.Invalid.class, () -> ClientMessage.parse("{\"op\":\"dance\"}"));
    assertThrows(
        ClientMessage.Invalid.class,
        () ->
            ClientMessage.parse(
                "{\"op\":\"subscribe\",\"id\":\"x\",\"project\":\"p\",\"stream\":\"metrics\",\"names\":[]}"));
  }
}
