package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.Problems;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Circuit breakers and fallbacks: five failures in a row open a channel's circuit (GET shows it,
 * /metrics counts it); while open, its notifications go to its fallback channel, marked as such, or
 * wait without one; after the cool-down (3 s on the test server) one probe closes it again.
 */
@ExtendWith(PulseServer.class)
class CircuitBreakerIT {

  private static final int FAILURES = 5; // PULSE_NOTIFY_CIRCUIT_FAILURES' default

  private static JsonObject webhook(String name, String url, String fallback) {
    var o = Json.createObjectBuilder().add("name", name).add("type", "webhook").add("url", url);
    if (fallback != null) {
      o.add("fallback", fallback);
    }
    return o.build();
  }

  /**
   * Sends {@code n} test notifications to the channel, one after the other, each answered once its
   * first attempt failed with {@code status} (it is retried like any notification); their ids.
   */
  private static List<String> tests(Tenant t, String channel, int n, int status) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(
            i -> {
              JsonObject test = t.expect(200, "POST", "/channels/" + channel + "/test", null);
              assertEquals("failed", test.getString("status"), test.toString());
              assertEquals(status, test.getInt("http_status"), test.toString());
              return test.getString("notification_id");
            })
        .toList();
  }

  private static JsonObject health(Tenant t, String channel) {
    return t.get("/channels/" + channel).getJsonObject("health");
  }

  @Test
  void anOpenCircuitSendsToTheFallbackMarkedAsFallback() {
    Tenant t = Tenant.create("circuit-fallback");
    try (WebhookReceiver broken = WebhookReceiver.start();
        WebhookReceiver backup = WebhookReceiver.start()) {
      for (int i = 0; i < 100; i++) {
        broken.answer(500);
      }
      String fallback =
          t.expect(201, "POST", "/channels", webhook("backup", backup.url(), null).toString())
              .getString("id");
      JsonObject main =
          t.expect(201, "POST", "/channels", webhook("primary", broken.url(), fallback).toString());
      String channel = main.getString("id");
      assertEquals(fallback, main.getString("fallback"));
      List<String> sent = tests(t, channel, FAILURES, 500);

      JsonObject open =
          Poll.until(
              SOON,
              "the circuit to open",
              () -> health(t, channel),
              h -> "open".equals(h.getString("state")));
      assertTrue(open.getInt("consecutive_failures") >= FAILURES, open.toString());
      assertTrue(open.getString("last_error").startsWith("HTTP 500"), open.toString());
      assertFalse(open.isNull("opened_at"), open.toString());
      assertTrue(
          t.get("/channels").getJsonArray("items").stream()
              .map(JsonObject.class::cast)
              .anyMatch(
                  c ->
                      channel.equals(c.getString("id"))
                          && "open".equals(c.getJsonObject("health").getString("state"))),
          "the list shows the health too");
      assertEquals("closed", health(t, fallback).getString("state"));

      // The one that opened it and the retries of the others go to the fallback, each marked.
      List<WebhookReceiver.Request> got = backup.await(FAILURES, Duration.ofSeconds(30));
      for (WebhookReceiver.Request r : got) {
        JsonObject annotations = r.json().getJsonObject("commonAnnotations");
        assertEquals("primary", annotations.getString("fallback_of"), annotations.toString());
        assertTrue(annotations.getString("fallback_reason").contains("circuit open"));
        assertFalse(
            sent.contains(r.header("X-Pulse-Notification-Id")), "a notification of its own");
      }
      JsonObject log =
          Poll.until(
              SOON,
              "the originals failed and their fallbacks sent",
              () -> t.get("/notifications?limit=50"),
              l ->
                  byStatus(l, channel).equals(Set.of("failed"))
                      && byStatus(l, fallback).equals(Set.of("sent")));
      Set<String> fallbackOf =
          log.getJsonArray("items").stream()
              .map(JsonObject.class::cast)
              .filter(n -> fallback.equals(n.getString("channel_id")))
              .map(n -> n.getString("fallback_of"))
              .collect(Collectors.toSet());
      assertEquals(Set.copyOf(sent), fallbackOf, "each original has its fallback");

      String metrics = Api.get("/metrics").body();
      assertTrue(
          metrics.contains("pulse_channel_circuit_opened_total{channel=\"" + channel + "\""),
          "the opening is counted");
    }
  }

  @Test
  void withoutAFallbackNotificationsWaitAndAProbeClosesTheCircuit() {
    Tenant t = Tenant.create("circuit-probe");
    try (WebhookReceiver flaky = WebhookReceiver.start()) {
      for (int i = 0; i < FAILURES; i++) {
        flaky.answer(503);
      }
      String channel =
          t.expect(201, "POST", "/channels", webhook("flaky", flaky.url(), null).toString())
              .getString("id");
      List<String> sent = tests(t, channel, FAILURES, 503);
      Poll.until(
          SOON,
          "the circuit to open",
          () -> health(t, channel),
          h -> !"closed".equals(h.getString("state")));

      // After the cool-down one retry probes (the receiver now answers 200), the circuit closes and
      // the held notifications go out: each attempted once more, none lost, none twice.
      JsonObject closed =
          Poll.until(
              Duration.ofSeconds(30),
              "the circuit to close",
              () -> health(t, channel),
              h -> "closed".equals(h.getString("state")));
      assertEquals(0, closed.getInt("consecutive_failures"));
      assertTrue(closed.getString("last_error").startsWith("HTTP 503"), closed.toString());
      Poll.until(
          SOON,
          "every notification sent",
          () -> t.get("/notifications?limit=50"),
          l -> byStatus(l, channel).equals(Set.of("sent")));
      holdsFor(
          QUIET,
          "ten requests: five failures, five successes",
          () -> flaky.requests().size() == 2 * FAILURES);
      Set<String> ids =
          flaky.requests().stream()
              .map(r -> r.header("X-Pulse-Notification-Id"))
              .collect(Collectors.toSet());
      assertEquals(Set.copyOf(sent), ids);
    }
  }

  @Test
  void aFallbackMustBeAnotherChannelOfTheProjectWithoutCycles() {
    Tenant t = Tenant.create("circuit-cycles");
    String a =
        t.expect(201, "POST", "/channels", webhook("a", "http://127.0.0.1:9/a", null).toString())
            .getString("id");
    String b =
        t.expect(201, "POST", "/channels", webhook("b", "http://127.0.0.1:9/b", a).toString())
            .getString("id");
    Problems.assertProblem(
        t.call("PUT", "/channels/" + a, webhook("a", "http://127.0.0.1:9/a", b).toString()),
        400,
        "fallback");
    Problems.assertProblem(
        t.call("PUT", "/channels/" + a, webhook("a", "http://127.0.0.1:9/a", a).toString()),
        400,
        "fallback");
    Problems.assertProblem(
        t.call(
            "POST",
            "/channels",
            webhook("c", "http://127.0.0.1:9/c", java.util.UUID.randomUUID().toString())
                .toString()),
        400,
        "fallback");
    assertNotEquals(a, b);
  }

  /** The statuses of the channel's notifications in a log page. */
  private static Set<String> byStatus(JsonObject log, String channel) {
    return log.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(n -> channel.equals(n.getString("channel_id")))
        .map(n -> n.getString("status"))
        .collect(Collectors.toSet());
  }
}
