package it.dev.pulse.live;

import static it.dev.pulse.live.LiveClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live gateway end to end with a real WebSocket client: who may connect, what a connection
 * receives (only its own projects' alerts, filtered), and how it behaves on bad input. Every test
 * has a project of its own.
 */
@ExtendWith(PulseServer.class)
class LiveGatewayIT {

  static final Duration SOON = Duration.ofSeconds(15);
  static final Duration QUIET = Duration.ofSeconds(2);

  @Test
  void handshakeWithoutAValidTokenIsRefusedWith401Problem() throws Exception {
    for (String query : List.of("", "?token=not.a.jwt", "?token=" + forged())) {
      String response = handshake("/live/ws" + query);
      assertTrue(response.startsWith("HTTP/1.1 401"), query + " → " + response);
      assertTrue(response.contains("application/problem+json"), response);
    }
  }

  @Test
  void aDeletedAccountsTokenClosesItsSocketAndOpensNoOther() throws Exception {
    Accounts.User user = Accounts.newUser("live-leaver");
    String token = user.accessToken();
    try (LiveClient client = LiveClient.connect(token)) {
      client.await(SOON, "hello", type("hello"));

      assertEquals(204, Api.as("DELETE", "/api/v1/users/me", null, user.bearer()).statusCode());

      assertEquals(4401, client.awaitClose(SOON).getCloseCode().getCode());
    }
    String response = handshake("/live/ws?token=" + token);
    assertTrue(response.startsWith("HTTP/1.1 401"), response);
  }

  @Test
  void tokenInSubprotocolIsAcceptedAndPulseV1Selected() {
    Accounts.User user = Accounts.newUser("live-subprotocol");
    try (LiveClient client = LiveClient.connectWithSubprotocol(user.accessToken())) {
      assertEquals("pulse.v1", client.negotiated);
      JsonObject hello = client.await(SOON, "hello", type("hello"));
      assertEquals(user.id(), hello.getString("user"));
      client.send("{\"op\":\"ping\"}");
      client.await(SOON, "pong", type("pong"));
    }
  }

  @Test
  void alertsReachOnlyMembersAndMatchingFilters() {
    Project mine = Project.create("live-mine");
    Project theirs = Project.create("live-theirs");
    mine.newRule("Checkout errors", "checkout", "critical");
    theirs.newRule("Checkout errors", "checkout", "critical");
    try (LiveClient client = LiveClient.connect(mine.owner().accessToken())) {
      client.send(Project.subscribeAlerts("all", mine.id()));
      client.send(
          Json.createObjectBuilder(Project.subscribeAlerts("warn", mine.id()))
              .add(
                  "filter",
                  Json.createObjectBuilder()
                      .add("severity", Json.createArrayBuilder().add("warning")))
              .build());
      client.send(Project.subscribeAlerts("other", theirs.id()));
      client.await(SOON, "subscribed all", type("subscribed", "all"));
      client.await(SOON, "subscribed warn", type("subscribed", "warn"));
      JsonObject refused = client.await(SOON, "error for another project", type("error", "other"));
      assertEquals(404, refused.getInt("status"));

      theirs.sendErrors("checkout", 3);
      mine.sendErrors("checkout", 3);
      JsonObject frame = client.await(SOON, "alert frame", type("alert", "all"));
      JsonObject alert = frame.getJsonObject("alert");
      assertEquals(mine.id(), alert.getString("project"));
      assertEquals("firing", alert.getString("to"));
      assertEquals("critical", alert.getString("severity"));
      assertEquals("Checkout errors", alert.getJsonObject("labels").getString("alertname"));
      assertTrue(frame.getJsonNumber("seq").longValue() > 0);
      assertEquals(
          List.of(),
          client.drain(
              QUIET,
              f ->
                  "alert".equals(f.getString("type", ""))
                      && (!"all".equals(f.getString("sub"))
                          || !mine.id().equals(f.getJsonObject("alert").getString("project")))),
          "nothing for the warning filter, nothing of the other project");
    }
  }

  @Test
  void acknowledgementAndResolutionArriveInOrder() {
    Project p = Project.create("live-ack");
    p.newRule("Checkout errors", "checkout", "critical");
    try (LiveClient client = LiveClient.connect(p.owner().accessToken())) {
      client.send(Project.subscribeAlerts("s1", p.id()));
      client.await(SOON, "subscribed", type("subscribed", "s1"));
      p.sendErrors("checkout", 3);
      JsonObject firing = client.await(SOON, "firing", type("alert", "s1"));
      String id = firing.getJsonObject("alert").getString("id");
      p.expect(200, "POST", "/alerts/" + id + "/ack", null);
      JsonObject ack = client.await(SOON, "acknowledged", type("alert", "s1"));
      assertEquals("acknowledged", ack.getJsonObject("alert").getString("to"));
      assertEquals(p.owner().id(), ack.getJsonObject("alert").getString("acknowledged_by"));
      p.expect(200, "POST", "/alerts/" + id + "/resolve", null);
      JsonObject resolved = client.await(SOON, "resolved", type("alert", "s1"));
      assertEquals("resolved", resolved.getJsonObject("alert").getString("to"));
      long a = firing.getJsonNumber("seq").longValue();
      long b = ack.getJsonNumber("seq").longValue();
      long c = resolved.getJsonNumber("seq").longValue();
      assertTrue(a < b && b < c, a + " < " + b + " < " + c);
    }
  }

  @Test
  void badMessagesAreAnsweredAndAFloodIsClosedWith1008() {
    Accounts.User user = Accounts.newUser("live-bad");
    try (LiveClient client = LiveClient.connect(user.accessToken())) {
      client.send("nope");
      assertEquals(400, client.await(SOON, "error", type("error")).getInt("status"));
      client.send("{\"op\":\"subscribe\",\"id\":\"x\",\"project\":\"p\",\"stream\":\"logs\"}");
      JsonObject bad = client.await(SOON, "error naming stream", type("error", "x"));
      assertTrue(bad.getString("detail").startsWith("stream"), bad.toString());
      client.send("{\"op\":\"ping\"}");
      client.await(SOON, "pong: still open", type("pong"));
      for (int i = 0; i < 30 && client.isOpen(); i++) {
        client.send("{\"op\":\"dance\"}");
      }
      assertEquals(1008, client.awaitClose(SOON).getCloseCode().getCode());
    }
  }

  @Test
  void aUserHasAtMostTwentyConnections() {
    Accounts.User user = Accounts.newUser("live-cap");
    List<LiveClient> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        LiveClient c = LiveClient.connect(user.accessToken());
        c.await(SOON, "hello", type("hello"));
        open.add(c);
      }
      try (LiveClient extra = LiveClient.connect(user.accessToken())) {
        assertEquals(4429, extra.awaitClose(SOON).getCloseCode().getCode());
      }
      open.remove(0).close();
      Accounts.User same = user;
      try (LiveClient again =
          it.dev.pulse.support.Poll.until(
              SOON,
              "a connection once one closed",
              () -> LiveClient.connect(same.accessToken()),
              c -> {
                boolean ok = c.drain(Duration.ofMillis(300), type("hello")).size() == 1;
                if (!ok) {
                  c.close();
                }
                return ok;
              })) {
        assertTrue(again.isOpen());
      }
    } finally {
      open.forEach(LiveClient::close);
    }
  }

  @Test
  void aRemovedMemberIsClosedWith4403() {
    Project p = Project.create("live-removed");
    Accounts.User member = Accounts.newUser("live-member");
    Accounts.addMember(p.owner(), p.id(), member, "viewer");
    try (LiveClient client = LiveClient.connect(member.accessToken())) {
      client.send(Project.subscribeAlerts("s1", p.id()));
      client.await(SOON, "subscribed", type("subscribed", "s1"));
      p.expect(204, "DELETE", "/members/" + member.id(), null);
      assertEquals(4403, client.awaitClose(SOON).getCloseCode().getCode());
    }
  }

  /** A token signed by some other key, with Pulse's issuer and a valid shape. */
  private static String forged() {
    String header = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
    String claims =
        b64(
            "{\"iss\":\"pulse\",\"sub\":\"00000000-0000-0000-0000-000000000001\",\"exp\":"
                + (System.currentTimeMillis() / 1000 + 600)
                + "}");
    return header + "." + claims + "." + b64("not-a-signature");
  }

  private static String b64(String s) {
    return java.util.Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A raw opening handshake; returns the status line and headers. */
  private static String handshake(String path) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", TestEnv.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) != -1) {
        head.append((char) b);
        if (head.toString().endsWith("\r\n\r\n")) {
          break;
        }
      }
      return head.toString();
    }
  }
}
