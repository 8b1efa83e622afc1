package it.dev.pulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live dashboard in a real headless Chromium against the real server: log in, a new alert shown
 * within a second of the event that raises it, acknowledged from its button, a chart that moves
 * with a new sample, and a page that reconnects by itself across a server restart.
 */
@ExtendWith(PulseServer.class)
class DashboardIT {

  private static final Duration SOON = Duration.ofSeconds(20);

  /** A stop, a start (~15 s here) and the page's backoff (at most 30 s between tries). */
  private static final Duration RECONNECT = Duration.ofSeconds(120);

  private static final String METRIC = "checkout.latency";

  @Test
  void showsAlertsAndMetricsLiveAndReconnectsAfterARestart() throws Exception {
    Tenant t = Tenant.create("dash");
    t.newRule("Checkout errors", "http.error", "critical");
    t.send(sample(METRIC, 1.5, Instant.now()));
    t.awaitMetric(METRIC);

    try (Browser browser = Browser.start()) {
      DashboardPage page = new DashboardPage(browser.driver());
      page.open(Api.uri("/live/#project=" + t.project()).toString());
      page.logIn(t.owner().email(), Accounts.PASSWORD);
      page.awaitStatus(SOON, "live");
      page.awaitChart(SOON, METRIC, "showing its history", c -> c.points() >= 1);

      long sentAt = System.currentTimeMillis();
      t.sendEvent("http.error", "checkout-api");
      DashboardPage.AlertRow alert =
          page.awaitAlert(SOON, "for checkout-api", r -> r.text().contains("checkout-api"));
      assertEquals("firing", alert.state());
      assertEquals("critical", alert.severity());
      System.out.printf(
          "the alert was shown %d ms after its event was sent%n", alert.shownAt() - sentAt);
      assertTrue(
          alert.shownAt() - sentAt < 1_000,
          "shown " + (alert.shownAt() - sentAt) + " ms after the event was sent");

      page.acknowledge(alert.id());
      page.awaitAlert(SOON, "acknowledged", r -> r.id().equals(alert.id()) && r.acknowledged());
      assertFalse(t.alert(alert.id()).isNull("acknowledged_at"), "acknowledged on the server");

      int before = page.chart(METRIC).orElseThrow().points();
      t.send(sample(METRIC, 7.25, Instant.now()));
      page.awaitChart(
          SOON,
          METRIC,
          "with the new sample",
          c -> c.points() > before && Double.valueOf(7.25).equals(c.lastValue()));

      PulseServer.stop();
      page.awaitStatus(SOON, "reconnecting");
      PulseServer.start();
      // Most likely while the page is still backing off: then it arrives as the replay of a
      // resumed subscription ("since" = the last seq the page saw), else as a live transition.
      long cartSentAt = System.currentTimeMillis();
      t.sendEvent("http.error", "cart-api");
      page.awaitStatus(RECONNECT, "live");
      DashboardPage.AlertRow cart =
          page.awaitAlert(
              SOON, "for cart-api after the restart", r -> r.text().contains("cart-api"));
      System.out.printf(
          "cart-api alert: event sent %d ms before the page reconnected, shown %d ms after (%s)%n",
          page.connectedAt() - cartSentAt,
          cart.shownAt() - page.connectedAt(),
          page.connectedAt() - cartSentAt > 1_000
              ? "replayed on resume: it fired while the page was away"
              : "may have arrived live");
      assertTrue(
          page.alerts().stream().anyMatch(r -> r.id().equals(alert.id()) && r.acknowledged()),
          "the acknowledged alert is still listed as acknowledged");

      t.send(sample(METRIC, 3.5, Instant.now()));
      page.awaitChart(
          SOON, METRIC, "moving after the restart", c -> Double.valueOf(3.5).equals(c.lastValue()));
      browser.screenshot(Path.of("target", "dashboard-it.png"));
    }
  }

  /**
   * A wall screen with several alerts and moving charts, saved as target/dashboard.png (the picture
   * in the README is one of these).
   */
  @Test
  void wallScreenWithSeveralAlertsAndMovingCharts() {
    Tenant t = Tenant.create("wall");
    t.newRule("Checkout errors", "http.error", "critical");
    t.newRule("Slow payments", "payment.slow", "warning");
    t.newRule("Disk almost full", "disk.full", "info");
    Instant now = Instant.now();
    List<JsonObject> history = new ArrayList<>();
    for (int i = 60; i > 0; i--) {
      Instant at = now.minusSeconds(i * 10L);
      double wave = Math.sin(i / 6.0);
      history.add(sample(METRIC, 0.18 + 0.05 * wave + 0.01 * (i % 3), at, "region", "eu"));
      history.add(sample(METRIC, 0.24 + 0.04 * Math.cos(i / 5.0), at, "region", "us"));
      history.add(sample("queue.depth", 40 + 25 * wave + (i % 7), at));
    }
    t.send(history.toArray(JsonObject[]::new));
    t.awaitMetric(METRIC);
    t.awaitMetric("queue.depth");

    try (Browser browser = Browser.start()) {
      DashboardPage page = new DashboardPage(browser.driver());
      page.open(Api.uri("/live/#project=" + t.project()).toString());
      page.logIn(t.owner().email(), Accounts.PASSWORD);
      page.awaitStatus(SOON, "live");
      page.awaitChart(SOON, METRIC, "with its history", c -> c.points() >= 100);
      page.awaitChart(SOON, "queue.depth", "with its history", c -> c.points() >= 50);

      t.sendEvent("http.error", "checkout-api");
      t.sendEvent("http.error", "cart-api");
      t.sendEvent("payment.slow", "psp-gateway");
      t.sendEvent("disk.full", "db-1");
      Poll.until(SOON, "four alerts on the page", () -> page.alerts().size() == 4);
      page.acknowledge(page.alerts().get(1).id());
      for (int i = 1; i <= 3; i++) {
        double value = 95 + 10 * i;
        t.send(sample("queue.depth", value, Instant.now()));
        page.awaitChart(
            SOON, "queue.depth", "at " + value, c -> Double.valueOf(value).equals(c.lastValue()));
      }
      page.awaitAlert(SOON, "acknowledged", DashboardPage.AlertRow::acknowledged);
      browser.screenshot(Path.of("target", "dashboard.png"));
    }
  }

  /** One metric sample; tags as key, value, key, value… */
  private static JsonObject sample(String name, double value, Instant at, String... tags) {
    var tagObject = Json.createObjectBuilder();
    for (int i = 0; i < tags.length; i += 2) {
      tagObject.add(tags[i], tags[i + 1]);
    }
    return Json.createObjectBuilder()
        .add("name", name)
        .add("value", value)
        .add("timestamp", at.toString())
        .add("tags", tagObject)
        .build();
  }

  /** An owner, a project and an ingest key, with what these tests send to them. */
  private record Tenant(Accounts.User owner, String project, String key) {

    static Tenant create(String name) {
      Accounts.User owner = Accounts.newUser(name);
      String project = Accounts.newProject(owner, name);
      return new Tenant(owner, project, Accounts.newKey(owner, project, null).getString("key"));
    }

    /** Any event of the type fires at once, one alert per source. */
    void newRule(String name, String type, String severity) {
      JsonObject rule =
          Json.createObjectBuilder()
              .add("name", name)
              .add("kind", "threshold")
              .add("signal", "events")
              .add("match", Json.createObjectBuilder().add("type", type))
              .add("aggregate", "count")
              .add("window", "10m")
              .add("group_by", Json.createArrayBuilder().add("source"))
              .add("op", ">")
              .add("threshold", 0)
              .add("for", "0s")
              .add("severity", severity)
              .add(
                  "annotations",
                  Json.createObjectBuilder().add("summary", "{{value}} on {{source}}"))
              .build();
      expect(201, Api.as("POST", path("/rules"), rule.toString(), owner.bearer()));
    }

    void sendEvent(String type, String source) {
      String event =
          Json.createObjectBuilder()
              .add("id", UUID.randomUUID().toString())
              .add("type", type)
              .add("source", source)
              .build()
              .toString();
      expect(202, Api.as("POST", "/api/v1/events", event, "X-Pulse-Key", key));
    }

    void send(JsonObject... samples) {
      JsonArrayBuilder array = Json.createArrayBuilder();
      for (JsonObject sample : samples) {
        array.add(sample);
      }
      expect(202, Api.as("POST", "/api/v1/metrics", array.build().toString(), "X-Pulse-Key", key));
    }

    /** Waits until the metric is stored: the page lists the names it finds at load. */
    void awaitMetric(String name) {
      Poll.until(
          SOON,
          name + " among the metric names of " + project,
          () -> {
            HttpResponse<String> r =
                Api.as("GET", "/api/v1/metrics/names?project=" + project, null, owner.bearer());
            return r.statusCode() == 200 && r.body().contains("\"" + name + "\"");
          });
    }

    JsonObject alert(String id) {
      HttpResponse<String> r = Api.as("GET", path("/alerts/" + id), null, owner.bearer());
      expect(200, r);
      return Api.object(r);
    }

    private String path(String rest) {
      return "/api/v1/projects/" + project + rest;
    }

    private static void expect(int status, HttpResponse<String> r) {
      assertEquals(status, r.statusCode(), r.request().uri() + ": " + r.body());
    }
  }
}
