package it.dev.pulse.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live dashboard in a real headless Chromium against the real server: log in, a new alert shown
 * within a second of the event that raises it, acknowledged from its button, a chart that moves
 * with a new sample, a page that reconnects by itself across a server restart, and an alert's link
 * (as notifications send it) opening that alert after the log-in.
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

  /**
   * A notification's link to an alert, opened in a fresh browser: the log-in first, then the
   * alert's dialog with its labels, annotations, value, threshold, state and history; acknowledged
   * from there; closed with Escape, which takes {@code alert=} out of the address.
   */
  @Test
  void anAlertLinkOpensTheAlertAfterTheLogInAndAcknowledgesIt() {
    Tenant t = Tenant.create("link");
    t.newRule("Checkout errors", "http.error", "critical");
    t.sendEvent("http.error", "checkout-api");
    JsonObject alert = t.awaitFiring("checkout-api");
    String id = alert.getString("id");

    try (Browser browser = Browser.start()) {
      DashboardPage page = new DashboardPage(browser.driver());
      page.open(Api.uri("/live/#project=" + t.project() + "&alert=" + id).toString());
      page.logIn(t.owner().email(), Accounts.PASSWORD);
      DashboardPage.AlertDetail d =
          page.awaitDetail(SOON, "showing " + id, x -> x.open() && x.loaded() && id.equals(x.id()));
      assertEquals("detail-heading", page.focused(), "the focus moves into the dialog");
      assertEquals("Checkout errors", d.title());
      assertEquals("firing", d.state());
      assertEquals("critical", d.severity());
      assertFalse(d.acknowledged());
      assertEquals("Checkout errors", d.labels().get("alertname"), d.labels().toString());
      assertEquals("critical", d.labels().get("severity"), d.labels().toString());
      assertEquals("checkout-api", d.labels().get("source"), d.labels().toString());
      assertEquals(
          alert.getJsonObject("annotations").getString("summary"),
          d.annotations().get("summary"),
          d.annotations().toString());
      assertEquals(whole(alert.getJsonNumber("value").doubleValue()), d.value());
      assertEquals("0", d.threshold());
      assertTrue(
          d.history().stream().anyMatch(h -> "firing".equals(h.to())),
          "a transition to firing in " + d.history());
      assertTrue(page.hash().contains("alert=" + id), page.hash());
      browser.screenshot(Path.of("target", "dashboard-alert.png"));

      page.acknowledgeInDetail();
      d = page.awaitDetail(SOON, "acknowledged", DashboardPage.AlertDetail::acknowledged);
      assertTrue(
          d.acknowledgedLine() != null && d.acknowledgedLine().contains(t.owner().email()),
          "acknowledged by the owner: " + d.acknowledgedLine());
      assertTrue(
          d.history().stream().anyMatch(h -> "acknowledged".equals(h.to())),
          "the acknowledgement in the history: " + d.history());
      assertFalse(t.alert(id).isNull("acknowledged_at"), "acknowledged on the server");
      page.awaitAlert(
          SOON, "acknowledged in the table", r -> r.id().equals(id) && r.acknowledged());

      page.pressEscape();
      Poll.until(SOON, "the dialog closed by Escape", () -> !page.detail().open());
      assertFalse(page.hash().contains("alert="), page.hash());
      assertTrue(page.hash().contains("project=" + t.project()), page.hash());

      page.openAlert(id);
      page.awaitDetail(SOON, "opened from the table", x -> x.open() && x.loaded());
      assertTrue(page.hash().contains("alert=" + id), page.hash());
    }
  }

  /**
   * The link of a real Slack message opens its alert, and the dialog lists that notification; a
   * link to an alert that does not exist says so.
   */
  @Test
  void theLinkOfASlackMessageOpensItsAlertWithItsNotifications() throws Exception {
    Tenant t = Tenant.create("slack-link");
    try (Hook slack = Hook.start()) {
      String channel = t.newChannel("ops-slack", "slack", slack.url());
      t.newRule("Checkout errors", "http.error", "critical", channel);
      t.sendEvent("http.error", "checkout-api");
      String id = t.awaitFiring("checkout-api").getString("id");
      String text =
          Json.createReader(new StringReader(slack.await(SOON)))
              .readObject()
              .getJsonArray("attachments")
              .getJsonObject(0)
              .getJsonArray("blocks")
              .getJsonObject(0)
              .getJsonObject("text")
              .getString("text");
      Matcher m = Pattern.compile("<([^|>]+)\\|").matcher(text);
      assertTrue(m.find(), "a link in " + text);
      String link =
          m.group(1).replace("&amp;", "&"); // Slack's mrkdwn escaping, undone as Slack does
      String page = "/live/#project=" + t.project() + "&alert=" + id;
      assertTrue(link.endsWith(page), link);
      t.awaitNotification(id, "sent");

      try (Browser browser = Browser.start()) {
        DashboardPage dashboard = new DashboardPage(browser.driver());
        // The link's own path and fragment, on this server (PULSE_ALERTING_EXTERNAL_URL may
        // differ).
        dashboard.open(Api.uri(link.substring(link.indexOf("/live/"))).toString());
        dashboard.logIn(t.owner().email(), Accounts.PASSWORD);
        DashboardPage.AlertDetail d =
            dashboard.awaitDetail(SOON, "showing " + id, x -> x.loaded() && id.equals(x.id()));
        assertEquals("firing", d.state());
        assertTrue(
            d.notifications().stream()
                .anyMatch(
                    n ->
                        "firing".equals(n.kind())
                            && "sent".equals(n.status())
                            && n.text().contains("ops-slack")),
            "the Slack notification in " + d.notifications());

        // Only the fragment changes: the page stays (logged in) and follows the new address.
        dashboard.open(
            Api.uri("/live/#project=" + t.project() + "&alert=" + UUID.randomUUID()).toString());
        d =
            dashboard.awaitDetail(
                SOON, "saying there is no such alert", x -> x.message().contains("No alert"));
        assertTrue(d.open() && !d.loaded() && d.labels().isEmpty(), d.toString());
      }
    }
  }

  /** A whole number as the page prints it. */
  private static String whole(double v) {
    assertEquals(Math.rint(v), v, "a count");
    return Long.toString((long) v);
  }

  /** A Slack incoming webhook on loopback: keeps each body it is sent, answers 200. */
  private static final class Hook implements AutoCloseable {
    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    private Hook(HttpServer server) {
      this.server = server;
    }

    static Hook start() throws IOException {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      Hook hook = new Hook(server);
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              hook.bodies.add(
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
              byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, ok.length);
              exchange.getResponseBody().write(ok);
            }
          });
      server.start();
      return hook;
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The first body received. */
    String await(Duration timeout) {
      Poll.until(timeout, "a Slack message at " + url(), () -> !bodies.isEmpty());
      return bodies.get(0);
    }

    @Override
    public void close() {
      server.stop(0);
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
      newRule(name, type, severity, null);
    }

    /** The same, notifying channel {@code channel} (none when null). */
    void newRule(String name, String type, String severity, String channel) {
      var rule =
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
                  Json.createObjectBuilder().add("summary", "{{value}} on {{source}}"));
      if (channel != null) {
        rule.add("channels", Json.createArrayBuilder().add(channel));
      }
      expect(201, Api.as("POST", path("/rules"), rule.build().toString(), owner.bearer()));
    }

    /** Creates a channel; returns its id. */
    String newChannel(String name, String type, String url) {
      String channel =
          Json.createObjectBuilder()
              .add("name", name)
              .add("type", type)
              .add("url", url)
              .build()
              .toString();
      HttpResponse<String> r = Api.as("POST", path("/channels"), channel, owner.bearer());
      expect(201, r);
      return Api.object(r).getString("id");
    }

    /** Waits for the firing alert of {@code source}. */
    JsonObject awaitFiring(String source) {
      return Poll.until(
              SOON,
              "a firing alert for " + source + " in " + project,
              () -> {
                HttpResponse<String> r =
                    Api.as("GET", path("/alerts?state=firing"), null, owner.bearer());
                expect(200, r);
                return Api.object(r).getJsonArray("items").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(a -> source.equals(a.getJsonObject("labels").getString("source", "")))
                    .findFirst();
              },
              Optional::isPresent)
          .orElseThrow();
    }

    /** Waits until a notification about the alert has {@code status}. */
    void awaitNotification(String alertId, String status) {
      Poll.until(
          SOON,
          "a " + status + " notification about " + alertId,
          () -> {
            HttpResponse<String> r =
                Api.as("GET", path("/notifications?alert=" + alertId), null, owner.bearer());
            return r.statusCode() == 200
                && Api.object(r).getJsonArray("items").stream()
                    .anyMatch(n -> status.equals(n.asJsonObject().getString("status")));
          });
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
