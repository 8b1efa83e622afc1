package it.dev.pulse.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the alerting ITs share: a tenant (owner, project, ingest key) with helpers for its alerting
 * API, the standard channel and rule, and checks on what the webhook receiver got.
 */
final class AlertingFixtures {

  private AlertingFixtures() {}

  static final Duration SOON = Duration.ofSeconds(15);

  /** How long "nothing more happens" is watched for. */
  static final Duration QUIET = Duration.ofSeconds(3);

  static final String ALERTNAME = "Checkout errors";
  static final String SECRET = "0123456789abcdef-secret";

  /** A fresh owner, project and ingest key, with helpers for the project's alerting API. */
  record Tenant(Accounts.User owner, String project, String key) {

    static Tenant create(String name) {
      Accounts.User owner = Accounts.newUser(name);
      String project = Accounts.newProject(owner, name);
      String key = Accounts.newKey(owner, project, null).getString("key");
      return new Tenant(owner, project, key);
    }

    String path(String rest) {
      return "/api/v1/projects/" + project + rest;
    }

    HttpResponse<String> call(String method, String rest, String body) {
      return Api.as(method, path(rest), body, owner.bearer());
    }

    JsonObject expect(int status, String method, String rest, String body) {
      HttpResponse<String> r = call(method, rest, body);
      assertEquals(status, r.statusCode(), method + " " + rest + ": " + r.body());
      return Api.object(r);
    }

    JsonObject get(String rest) {
      return expect(200, "GET", rest, null);
    }

    /** A webhook channel named "ops" to the receiver, with a header and a signing secret. */
    String newChannel(WebhookReceiver receiver) {
      return expect(201, "POST", "/channels", channelJson(receiver.url()).toString())
          .getString("id");
    }

    JsonObject newRule(JsonObject rule) {
      return expect(201, "POST", "/rules", rule.toString());
    }

    /** Sends {@code n} checkout-api errors dated now, as one batch. */
    void sendErrors(int n) {
      Instant now = Instant.now();
      StringBuilder batch = new StringBuilder("[");
      for (int i = 0; i < n; i++) {
        batch
            .append(i == 0 ? "" : ",")
            .append(
                Json.createObjectBuilder()
                    .add("id", UUID.randomUUID().toString())
                    .add("type", "http.error")
                    .add("source", "checkout-api")
                    .add("timestamp", now.toString())
                    .add("value", 1)
                    .add("tags", Json.createObjectBuilder().add("env", "prod"))
                    .build());
      }
      HttpResponse<String> sent =
          Api.as("POST", "/api/v1/events/batch", batch.append(']').toString(), "X-Pulse-Key", key);
      assertEquals(202, sent.statusCode(), sent.body());
    }

    JsonArray alerts(String query) {
      return get("/alerts" + query).getJsonArray("items");
    }

    /** Waits for the project's one firing alert and returns it. */
    JsonObject awaitFiring() {
      JsonArray firing =
          Poll.until(
              SOON,
              "a firing alert in " + project,
              () -> alerts("?state=firing"),
              a -> !a.isEmpty());
      assertEquals(1, firing.size(), firing.toString());
      return firing.getJsonObject(0);
    }

    JsonObject alert(String id) {
      return get("/alerts/" + id);
    }

    JsonArray notifications(String alertId) {
      return get("/notifications?alert=" + alertId).getJsonArray("items");
    }
  }

  static JsonObject channelJson(String url) {
    return Json.createObjectBuilder()
        .add("name", "ops")
        .add("type", "webhook")
        .add("url", url)
        .add("headers", Json.createObjectBuilder().add("X-Team", "payments"))
        .add("secret", SECRET)
        .build();
  }

  /** More than two checkout-api errors within a minute fire, one alert per source. */
  static JsonObject checkoutRule(String channel) {
    return Json.createObjectBuilder()
        .add("name", ALERTNAME)
        .add("kind", "threshold")
        .add("signal", "events")
        .add(
            "match",
            Json.createObjectBuilder().add("type", "http.error").add("source", "checkout-api"))
        .add("aggregate", "count")
        .add("window", "1m")
        .add("group_by", Json.createArrayBuilder().add("source"))
        .add("op", ">")
        .add("threshold", 2)
        .add("for", "0s")
        .add("severity", "critical")
        .add("labels", Json.createObjectBuilder().add("team", "payments"))
        .add("annotations", Json.createObjectBuilder().add("summary", "Errors on {{source}}"))
        .add("channels", Json.createArrayBuilder().add(channel))
        .build();
  }

  static JsonObject with(JsonObject o, String key, JsonValue value) {
    return Json.createObjectBuilder(o).add(key, value).build();
  }

  /** A rule and channel to the receiver, then three errors: returns the firing alert. */
  static JsonObject fire(Tenant t, WebhookReceiver receiver) {
    String channel = t.newChannel(receiver);
    t.newRule(checkoutRule(channel));
    t.sendErrors(3);
    return t.awaitFiring();
  }

  /** The webhook bodies of the given status for the alert's fingerprint. */
  static List<JsonObject> notices(WebhookReceiver receiver, String status, String fingerprint) {
    return receiver.requests().stream()
        .map(WebhookReceiver.Request::json)
        .filter(b -> status.equals(b.getString("status")))
        .filter(
            b ->
                b.getJsonArray("alerts").stream()
                    .anyMatch(
                        a -> fingerprint.equals(a.asJsonObject().getString("fingerprint", null))))
        .toList();
  }

  /** Fails as soon as the condition is false, and returns once it has held for {@code d}. */
  static void holdsFor(Duration d, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + d.toNanos();
    Poll.until(
        d.plusSeconds(10),
        what + " for " + d,
        () -> {
          if (!condition.getAsBoolean()) {
            throw new AssertionError("no longer true: " + what);
          }
          return System.nanoTime() >= end;
        });
  }

  static String hmacSha256Hex(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static double number(JsonObject o, String key) {
    return o.getJsonNumber(key).doubleValue();
  }
}
