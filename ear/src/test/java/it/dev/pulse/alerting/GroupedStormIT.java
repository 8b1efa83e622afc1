package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.Tenant;
import static it.dev.pulse.alerting.AlertingFixtures.checkoutRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A storm of 500 alerts on a channel grouped by alertname (group_wait 2 s, group_interval 3 s): a
 * handful of messages announce each alert once, with no per-alert notifications, no throttling and
 * no digests; when the rule is disabled, the resolves arrive as messages of resolved alerts only.
 */
@ExtendWith(PulseServer.class)
class GroupedStormIT {

  private static final int GROUPS = 500;
  private static final int WAVE = 10;

  @Test
  void fiveHundredAlertsBecomeAHandfulOfGroupMessagesAndTheirResolvesAnother() {
    Tenant t = Tenant.create("grouped-storm");
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      JsonObject channel =
          t.expect(
              201,
              "POST",
              "/channels",
              Json.createObjectBuilder()
                  .add("name", "grouped")
                  .add("type", "webhook")
                  .add("url", receiver.url())
                  .add("group_by", Json.createArrayBuilder().add("alertname"))
                  .add("group_wait", "2s")
                  .add("group_interval", "3s")
                  .build()
                  .toString());
      assertEquals("4h", channel.getString("repeat_interval"), "the default");
      String channelId = channel.getString("id");
      JsonObject rule =
          Json.createObjectBuilder(checkoutRule(channelId))
              .add("match", Json.createObjectBuilder().add("type", "storm"))
              .add("group_by", Json.createArrayBuilder().add("tags.host"))
              .add("threshold", 0)
              // The storm's events leave the window 20 s after they occurred: every alert resolves.
              .add("window", "20s")
              .add("annotations", Json.createObjectBuilder().add("summary", "Storm on {{host}}"))
              .build();
      t.newRule(rule);
      storm(t, 0, GROUPS);

      Poll.until(
          Duration.ofSeconds(60),
          GROUPS + " firing alerts",
          () -> t.get("/alerts?state=firing&limit=500").getJsonArray("items").size(),
          n -> n == GROUPS);
      List<JsonObject> storm =
          Poll.until(
              Duration.ofSeconds(30),
              "group messages announcing all " + GROUPS + " alerts",
              () -> bodies(receiver),
              b -> hosts(b, "firing").size() >= GROUPS);
      List<String> announced = hosts(storm, "firing");
      assertEquals(GROUPS, Set.copyOf(announced).size(), "each alert announced");
      assertEquals(GROUPS, announced.size(), "...once");
      assertTrue(storm.size() <= 3, storm.size() + " messages for the storm");
      for (JsonObject body : storm) {
        assertEquals(
            Json.createObjectBuilder().add("alertname", AlertingFixtures.ALERTNAME).build(),
            body.getJsonObject("groupLabels"));
      }

      // Ten more hosts join the group: the next message carries only them.
      storm(t, GROUPS, WAVE);
      List<JsonObject> all =
          Poll.until(
              Duration.ofSeconds(30),
              "the second wave announced",
              () -> bodies(receiver),
              b -> hosts(b, "firing").size() >= GROUPS + WAVE);
      List<JsonObject> wave = all.subList(storm.size(), all.size());
      assertEquals(
          java.util.stream.IntStream.range(GROUPS, GROUPS + WAVE)
              .mapToObj(i -> "host-" + i)
              .collect(java.util.stream.Collectors.toSet()),
          Set.copyOf(hosts(wave, "firing")));
      assertEquals(WAVE, hosts(wave, "firing").size());

      // The events leave the window: the resolves arrive as messages of resolved alerts only.
      all =
          Poll.until(
              Duration.ofSeconds(60),
              "group messages resolving all " + (GROUPS + WAVE) + " alerts",
              () -> bodies(receiver),
              b -> hosts(b, "resolved").size() >= GROUPS + WAVE);
      int before = storm.size() + wave.size();
      List<JsonObject> resolves = all.subList(before, all.size());
      assertTrue(resolves.size() <= 3, resolves.size() + " messages for the resolves");
      for (JsonObject body : resolves) {
        assertEquals("resolved", body.getString("status"));
        assertTrue(hosts(List.of(body), "firing").isEmpty(), "only what resolved");
      }
      assertEquals(GROUPS + WAVE, hosts(all, "resolved").size(), "each resolve once");
      assertEquals(GROUPS + WAVE, Set.copyOf(hosts(all, "resolved")).size());

      JsonObject log = t.get("/notifications?limit=500");
      Set<String> kinds = new HashSet<>();
      log.getJsonArray("items")
          .forEach(
              n ->
                  kinds.add(
                      n.asJsonObject().getString("kind")
                          + "/"
                          + n.asJsonObject().getString("status")));
      assertEquals(Set.of("group/sent"), kinds, "no per-alert notifications, none throttled");
      System.out.printf(
          "grouped storm: %d alerts in %d message(s), %d more in %d, resolved in %d%n",
          GROUPS, storm.size(), WAVE, wave.size(), resolves.size());
    }
  }

  /** One event for each of {@code n} hosts from {@code first} on, in one batch. */
  private static void storm(Tenant t, int first, int n) {
    Instant now = Instant.now();
    StringBuilder batch = new StringBuilder("[");
    for (int i = first; i < first + n; i++) {
      batch
          .append(i == first ? "" : ",")
          .append(
              Json.createObjectBuilder()
                  .add("id", UUID.randomUUID().toString())
                  .add("type", "storm")
                  .add("source", "storm-api")
                  .add("timestamp", now.toString())
                  .add("tags", Json.createObjectBuilder().add("host", "host-" + i))
                  .build());
    }
    HttpResponse<String> sent =
        Api.as(
            "POST", "/api/v1/events/batch", batch.append(']').toString(), "X-Pulse-Key", t.key());
    assertEquals(202, sent.statusCode(), sent.body());
  }

  private static List<JsonObject> bodies(WebhookReceiver receiver) {
    return receiver.requests().stream().map(WebhookReceiver.Request::json).toList();
  }

  /** The host label of every alert listed with this status, over all the bodies. */
  private static List<String> hosts(List<JsonObject> bodies, String status) {
    List<String> out = new ArrayList<>();
    for (JsonObject body : bodies) {
      body.getJsonArray("alerts").stream()
          .map(JsonObject.class::cast)
          .filter(a -> status.equals(a.getString("status")))
          .forEach(a -> out.add(a.getJsonObject("labels").getString("host")));
    }
    return out;
  }
}
