package it.dev.pulse.live;

import static it.dev.pulse.live.LiveClient.type;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.worker.alerting.AlertFeed;
import dev.pulse.worker.redis.LuaScript;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.RedisClient;

/**
 * What a live connection receives over time: the changes it missed while away (or a reset when they
 * are no longer kept), metric values of the series it asked for, changes announced by another node,
 * and what happens to a client that stops reading. Every test has a project of its own.
 */
@ExtendWith(PulseServer.class)
class LiveDeliveryIT {

  static final Duration SOON = Duration.ofSeconds(15);
  static final Duration QUIET = Duration.ofSeconds(2);

  private static RedisClient redis;

  @BeforeAll
  static void connectRedis() {
    URI uri = URI.create(TestEnv.redisUrl());
    redis =
        RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort())).build();
  }

  @AfterAll
  static void closeRedis() {
    redis.close();
  }

  @Test
  void aReconnectingClientGetsWhatItMissedInOrderThenLiveChanges() {
    Project p = Project.create("live-resume");
    p.newRule("Checkout errors", "checkout", "critical");
    long firingSeq;
    String alert;
    try (LiveClient first = LiveClient.connect(p.owner().accessToken())) {
      first.send(Project.subscribeAlerts("s1", p.id()));
      first.await(SOON, "subscribed", type("subscribed", "s1"));
      p.sendErrors("checkout", 3);
      JsonObject firing = first.await(SOON, "firing", type("alert", "s1"));
      firingSeq = firing.getJsonNumber("seq").longValue();
      alert = firing.getJsonObject("alert").getString("id");
    }
    // While no one listens: acknowledged, then resolved.
    p.expect(200, "POST", "/alerts/" + alert + "/ack", null);
    p.expect(200, "POST", "/alerts/" + alert + "/resolve", null);
    try (LiveClient again = LiveClient.connect(p.owner().accessToken())) {
      again.send(
          Json.createObjectBuilder(Project.subscribeAlerts("s1", p.id()))
              .add("since", firingSeq)
              .build());
      JsonObject subscribed = again.await(SOON, "subscribed", type("subscribed", "s1"));
      long latest = subscribed.getJsonNumber("seq").longValue();
      // The rule still holds, so a tick may already have fired it anew (firingSeq + 3).
      assertTrue(latest >= firingSeq + 2, "subscribed at " + latest);
      List<JsonObject> replayed = new ArrayList<>();
      for (long n = firingSeq + 1; n <= latest; n++) {
        JsonObject change = again.await(SOON, "replayed change " + n, type("alert", "s1"));
        assertEquals(n, change.getJsonNumber("seq").longValue(), "replayed in order");
        replayed.add(change);
      }
      assertEquals("acknowledged", replayed.get(0).getJsonObject("alert").getString("to"));
      assertEquals("resolved", replayed.get(1).getJsonObject("alert").getString("to"));
      JsonObject last = replayed.get(replayed.size() - 1);
      // Live again: a change made after the replay is numbered next.
      if ("resolved".equals(last.getJsonObject("alert").getString("to"))) {
        p.sendErrors("checkout", 3);
      } else {
        p.expect(
            200,
            "POST",
            "/alerts/" + last.getJsonObject("alert").getString("id") + "/resolve",
            null);
      }
      JsonObject live = again.await(SOON, "live change", type("alert", "s1"));
      assertEquals(latest + 1, live.getJsonNumber("seq").longValue());
      long expected = latest + 2;
      for (JsonObject later : again.drain(QUIET, type("alert", "s1"))) {
        assertEquals(expected++, later.getJsonNumber("seq").longValue(), "each change once");
      }
    }
  }

  @Test
  void aGapOlderThanTheLogAnswersReset() {
    Project p = Project.create("live-reset");
    p.newRule("Checkout errors", "checkout", "critical");
    p.sendErrors("checkout", 3);
    Poll.until(SOON, "the first change numbered", () -> latest(p.id()) >= 1);
    long latest = latest(p.id());
    redis.xtrim(AlertFeed.log(p.id()), 0, false); // as if it had aged out
    try (LiveClient client = LiveClient.connect(p.owner().accessToken())) {
      client.send(
          Json.createObjectBuilder(Project.subscribeAlerts("s1", p.id())).add("since", 0).build());
      JsonObject reset = client.await(SOON, "reset", type("reset", "s1"));
      assertEquals(latest, reset.getJsonNumber("seq").longValue());
      // A number from the future (Redis lost its data since): reset too.
      client.send(
          Json.createObjectBuilder(Project.subscribeAlerts("s2", p.id()))
              .add("since", latest + 1000)
              .build());
      assertEquals(
          latest,
          client.await(SOON, "reset", type("reset", "s2")).getJsonNumber("seq").longValue());
    }
  }

  @Test
  void metricSubscriptionsGetNewValuesOfTheirSeriesOnly() {
    Project p = Project.create("live-metrics");
    try (LiveClient client = LiveClient.connect(p.owner().accessToken())) {
      client.send(
          Json.createObjectBuilder()
              .add("op", "subscribe")
              .add("id", "m1")
              .add("project", p.id())
              .add("stream", "metrics")
              .add("names", Json.createArrayBuilder().add("cpu.load"))
              .add("tags", Json.createObjectBuilder().add("host", "a"))
              .build());
      client.await(SOON, "subscribed", type("subscribed", "m1"));
      p.sendSamples(
          Json.createArrayBuilder()
              .add(sample("cpu.load", "a", 0.5))
              .add(sample("cpu.load", "b", 0.9))
              .add(sample("mem.used", "a", 100))
              .build());
      JsonObject frame = client.await(SOON, "metric frame", type("metric", "m1"));
      assertEquals("cpu.load", frame.getString("name"));
      assertEquals("a", frame.getJsonObject("tags").getString("host"));
      assertEquals(0.5, frame.getJsonNumber("value").doubleValue());
      assertEquals(List.of(), client.drain(QUIET, type("metric")), "other series not sent");
    }
  }

  @Test
  void changesAnnouncedByAnotherNodeReachEveryClientAndThisNodesReachOthers() throws Exception {
    Project p = Project.create("live-nodes");
    p.newRule("Checkout errors", "checkout", "critical");
    BlockingQueue<String> otherNode = new LinkedBlockingQueue<>();
    JedisPubSub listener =
        new JedisPubSub() {
          @Override
          public void onMessage(String channel, String message) {
            otherNode.add(message);
          }
        };
    Thread node2 = new Thread(() -> redis.subscribe(listener, AlertFeed.channel(p.id())));
    node2.start();
    try (LiveClient one = LiveClient.connect(p.owner().accessToken());
        LiveClient two = LiveClient.connectWithSubprotocol(p.owner().accessToken())) {
      for (LiveClient c : List.of(one, two)) {
        c.send(Project.subscribeAlerts("s1", p.id()));
        c.await(SOON, "subscribed", type("subscribed", "s1"));
      }
      Poll.until(SOON, "the other node listening", listener::isSubscribed);
      // This node raises an alert: the other node's listener hears it.
      p.sendErrors("checkout", 3);
      String heard = otherNode.poll(SOON.toSeconds(), TimeUnit.SECONDS);
      assertTrue(heard != null && heard.contains("\"to\":\"firing\""), String.valueOf(heard));
      one.await(SOON, "own firing", type("alert", "s1"));
      two.await(SOON, "own firing", type("alert", "s1"));
      // The other node announces a change with the worker's own script: both clients get it.
      String id = UUID.randomUUID().toString();
      JsonObject message =
          Json.createObjectBuilder()
              .add("project", p.id())
              .add(
                  "alert",
                  Json.createObjectBuilder()
                      .add("id", id)
                      .add("project", p.id())
                      .add("severity", "critical")
                      .add("to", "resolved"))
              .build();
      LuaScript publish = LuaScript.of(AlertFeed.class, "alert-publish.lua");
      publish.eval(
          redis,
          List.of(AlertFeed.sequence(p.id()), AlertFeed.log(p.id())),
          List.of(AlertFeed.channel(p.id()), message.toString(), "10000", "600000"));
      for (LiveClient c : List.of(one, two)) {
        JsonObject f = c.await(SOON, "the other node's change", type("alert", "s1"));
        assertEquals(id, f.getJsonObject("alert").getString("id"));
      }
    } finally {
      listener.unsubscribe();
      node2.join(5_000);
    }
  }

  @Test
  void aClientThatStopsReadingIsClosedWith1013AndOthersKeepReceiving() {
    Project p = Project.create("live-slow");
    try (LiveClient slow = LiveClient.connect(p.owner().accessToken());
        LiveClient fast = LiveClient.connect(p.owner().accessToken())) {
      for (LiveClient c : List.of(slow, fast)) {
        c.send(metricsOf("m1", p.id(), "blob"));
        c.await(SOON, "subscribed", type("subscribed", "m1"));
      }
      slow.stall();
      // ~7 KB frames, 120 series a batch (under the 1 MB body limit), until the socket buffers and
      // the session's queue (500 frames on the test server, more than one batch) are full.
      String padding = "x".repeat(200);
      int batch = 0;
      while (dropped("slow") < 1 && batch < 60) {
        JsonArrayBuilder samples = Json.createArrayBuilder();
        for (int i = 0; i < 120; i++) {
          JsonObjectBuilder tags = Json.createObjectBuilder().add("n", batch + "-" + i);
          for (int t = 0; t < 30; t++) {
            tags.add("t" + t, padding);
          }
          samples.add(
              Json.createObjectBuilder().add("name", "blob").add("value", i).add("tags", tags));
        }
        p.sendSamples(samples.build());
        // The fast client reads each batch before the next is sent: it is never behind.
        String prefix = batch + "-";
        for (int i = 0; i < 120; i++) {
          fast.await(
              SOON,
              "frame " + i + " of batch " + batch,
              f ->
                  "metric".equals(f.getString("type"))
                      && f.getJsonObject("tags").getString("n").startsWith(prefix));
        }
        batch++;
      }
      Poll.until(SOON, "the slow client dropped", () -> dropped("slow") >= 1);
      assertTrue(fast.isOpen(), "the fast client is not dropped: " + fast.closed.getNow(null));
      slow.resume();
      assertEquals(1013, slow.awaitClose(SOON).getCloseCode().getCode());
      assertTrue(fast.isOpen());
    }
  }

  private static JsonObject metricsOf(String sub, String project, String name) {
    return Json.createObjectBuilder()
        .add("op", "subscribe")
        .add("id", sub)
        .add("project", project)
        .add("stream", "metrics")
        .add("names", Json.createArrayBuilder().add(name))
        .build();
  }

  private static JsonObject sample(String name, String host, double value) {
    return Json.createObjectBuilder()
        .add("name", name)
        .add("value", value)
        .add("tags", Json.createObjectBuilder().add("host", host))
        .build();
  }

  private static long latest(String project) {
    String seq = redis.get(AlertFeed.sequence(project));
    return seq == null ? 0 : Long.parseLong(seq);
  }

  /** pulse_live_sessions_dropped_total{reason} from /metrics. */
  private static double dropped(String reason) {
    String text = Api.as("GET", "/metrics", null).body();
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("pulse_live_sessions_dropped_total{")
          && line.contains("reason=\"" + reason + "\"")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
