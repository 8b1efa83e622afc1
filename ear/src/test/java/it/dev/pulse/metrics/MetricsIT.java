package it.dev.pulse.metrics;

import static it.dev.pulse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Metrics end to end: samples sent over HTTP, persisted by the worker, rolled up by the timer, and
 * read back as series, aggregates, latest values and names — each figure checked against values
 * computed here. Every test has a project of its own, and all data is dated relative to now.
 */
@ExtendWith(PulseServer.class)
class MetricsIT {

  private static final Duration ROLLUP_WAIT = Duration.ofSeconds(45);

  /** A fresh owner, project and ingest key. */
  private record Tenant(Accounts.User owner, String project, String key) {

    static Tenant create(String name) {
      Accounts.User owner = Accounts.newUser(name);
      String project = Accounts.newProject(owner, name);
      String key = Accounts.newKey(owner, project, null).getString("key");
      return new Tenant(owner, project, key);
    }

    HttpResponse<String> send(String body) {
      return Api.as("POST", "/api/v1/metrics", body, "X-Pulse-Key", key);
    }

    HttpResponse<String> get(String pathAndQuery) {
      String sep = pathAndQuery.contains("?") ? "&" : "?";
      return Api.as("GET", pathAndQuery + sep + "project=" + project, null, owner.bearer());
    }

    JsonObject getOk(String pathAndQuery) {
      HttpResponse<String> r = get(pathAndQuery);
      assertEquals(200, r.statusCode(), r.body());
      return Api.object(r);
    }
  }

  private static String sample(UUID id, String name, double value, String tags, Instant ts) {
    return "{\"id\":\""
        + id
        + "\",\"name\":\""
        + name
        + "\",\"value\":"
        + value
        + ",\"tags\":"
        + tags
        + ",\"timestamp\":\""
        + ts
        + "\"}";
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The nearest-rank quantile the API documents: rank max(0, ⌈q·n⌉ − 1) of the sorted values. */
  private static double exactQuantile(List<Double> values, double q) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  private static void assertWithinOnePercent(double expected, double actual, String what) {
    assertTrue(
        Math.abs(actual - expected) <= 0.01 * Math.abs(expected) + 1e-9,
        what + ": expected " + expected + " within 1 %, got " + actual);
  }

  @Test
  void samplesAreStoredOnceAndReadBackRaw() {
    Tenant t = Tenant.create("metrics-raw");
    Instant base = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.SECONDS);
    List<UUID> ids = new ArrayList<>();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 30; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      String host = i % 2 == 0 ? "a" : "b";
      batch
          .append(i == 0 ? "" : ",")
          .append(
              sample(
                  id, "queue.depth", i, "{\"host\":\"" + host + "\"}", base.plusSeconds(i * 10L)));
    }
    String body = batch.append(']').toString();
    HttpResponse<String> accepted = t.send(body);
    assertEquals(202, accepted.statusCode(), accepted.body());
    assertEquals(30, Api.object(accepted).getInt("accepted"));
    assertEquals(202, t.send(body).statusCode(), "the same samples again are accepted...");

    String range = "&from=" + enc(base.toString()) + "&to=" + enc(base.plusSeconds(600).toString());
    JsonObject read =
        Poll.until(
            Duration.ofSeconds(20),
            "30 raw points",
            () -> t.getOk("/api/v1/metrics?name=queue.depth&step=raw" + range),
            r -> points(r) == 30);
    assertEquals("raw", read.getString("step"));
    assertEquals(2, read.getJsonArray("series").size());
    for (JsonValue s : read.getJsonArray("series")) {
      JsonObject series = s.asJsonObject();
      int offset = series.getJsonObject("tags").getString("host").equals("a") ? 0 : 1;
      JsonArray pts = series.getJsonArray("points");
      assertEquals(15, pts.size(), "...and stored once");
      for (int j = 0; j < pts.size(); j++) {
        int i = 2 * j + offset;
        assertEquals(i, pts.getJsonObject(j).getJsonNumber("value").doubleValue());
        assertEquals(base.plusSeconds(i * 10L), Instant.parse(pts.getJsonObject(j).getString("t")));
      }
    }
    // Without a step the finest that fits is chosen: 15 raw points per series.
    assertEquals("raw", t.getOk("/api/v1/metrics?name=queue.depth" + range).getString("step"));

    JsonObject one = t.getOk("/api/v1/metrics/" + ids.get(3));
    assertEquals("queue.depth", one.getString("name"));
    assertEquals(3, one.getJsonNumber("value").doubleValue());
    assertEquals("b", one.getJsonObject("tags").getString("host"));
    assertEquals(base.plusSeconds(30), Instant.parse(one.getString("timestamp")));
    assertTrue(one.containsKey("received_at"));
    assertProblem(t.get("/api/v1/metrics/" + UUID.randomUUID()), 404);
  }

  private static int points(JsonObject read) {
    return read.getJsonArray("series").stream()
        .mapToInt(s -> s.asJsonObject().getJsonArray("points").size())
        .sum();
  }

  @Test
  void rollupsAndAggregatesMatchFiguresComputedHere() {
    Tenant t = Tenant.create("metrics-agg");
    Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
    Instant to = from.plus(Duration.ofHours(3));
    Random random = new Random(11);
    Map<String, List<Double>> byRegion = new HashMap<>();
    List<Double> all = new ArrayList<>();
    long[] perHourCount = new long[3];
    double[] perHourSum = new double[3];
    StringBuilder batch = new StringBuilder();
    int inBatch = 0;
    for (int i = 0; i < 540; i++) { // 3 series, a sample every 60 s each, over three hours
      String region = i % 3 == 0 ? "eu" : "us";
      String host = "h" + (i % 3);
      Instant ts = from.plusSeconds(i * 20L + 7);
      double value = random.nextInt(4000) * 0.25; // exact in binary: sums compare exactly
      all.add(value);
      byRegion.computeIfAbsent(region, k -> new ArrayList<>()).add(value);
      int hour = (int) Duration.between(from, ts).toHours();
      perHourCount[hour]++;
      perHourSum[hour] += value;
      batch
          .append(inBatch++ == 0 ? "[" : ",")
          .append(
              sample(
                  UUID.randomUUID(),
                  "http.latency",
                  value,
                  "{\"region\":\"" + region + "\",\"host\":\"" + host + "\"}",
                  ts));
      if (inBatch == 100 || i == 539) {
        assertEquals(202, t.send(batch.append(']').toString()).statusCode());
        batch.setLength(0);
        inBatch = 0;
      }
    }
    String range = "&from=" + enc(from.toString()) + "&to=" + enc(to.toString());
    JsonObject agg =
        Poll.until(
            ROLLUP_WAIT,
            "the aggregate to count 540 samples",
            () -> t.getOk("/api/v1/metrics/aggregate/http.latency?" + range.substring(1)),
            r -> r.getInt("count") == 540);
    double sum = all.stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(sum, agg.getJsonNumber("sum").doubleValue());
    assertEquals(sum / 540, agg.getJsonNumber("avg").doubleValue(), 1e-9);
    assertEquals(
        all.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
        agg.getJsonNumber("min").doubleValue());
    assertEquals(
        all.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
        agg.getJsonNumber("max").doubleValue());
    for (String q : List.of("p50", "p95", "p99")) {
      double quantile = Integer.parseInt(q.substring(1)) / 100.0;
      assertWithinOnePercent(exactQuantile(all, quantile), agg.getJsonNumber(q).doubleValue(), q);
    }

    JsonObject grouped = t.getOk("/api/v1/metrics/aggregate/http.latency?group_by=region" + range);
    JsonArray groups = grouped.getJsonArray("groups");
    assertEquals(2, groups.size());
    for (JsonValue g : groups) {
      JsonObject group = g.asJsonObject();
      List<Double> values = byRegion.get(group.getString("key"));
      assertEquals(values.size(), group.getInt("count"));
      assertEquals(
          values.stream().mapToDouble(Double::doubleValue).sum(),
          group.getJsonNumber("sum").doubleValue());
      assertWithinOnePercent(
          exactQuantile(values, 0.95), group.getJsonNumber("p95").doubleValue(), "group p95");
    }
    JsonObject eu = t.getOk("/api/v1/metrics/aggregate/http.latency?tag.region=eu" + range);
    assertEquals(byRegion.get("eu").size(), eu.getInt("count"));

    // Hourly buckets: per hour, count and sum over the three series add up to what was sent.
    JsonObject hourly = t.getOk("/api/v1/metrics?name=http.latency&step=1h" + range);
    assertEquals(3, hourly.getJsonArray("series").size());
    long[] count = new long[3];
    double[] bucketSum = new double[3];
    for (JsonValue s : hourly.getJsonArray("series")) {
      for (JsonValue p : s.asJsonObject().getJsonArray("points")) {
        JsonObject point = p.asJsonObject();
        int hour = (int) Duration.between(from, Instant.parse(point.getString("t"))).toHours();
        count[hour] += point.getInt("count");
        bucketSum[hour] += point.getJsonNumber("sum").doubleValue();
        assertTrue(point.containsKey("p95") && point.containsKey("avg"), point.toString());
      }
    }
    assertEquals(Arrays.toString(perHourCount), Arrays.toString(count));
    assertEquals(Arrays.toString(perHourSum), Arrays.toString(bucketSum));
    // Five-minute buckets: 36 per series over three hours, of 5 samples each (one a minute).
    JsonObject fives = t.getOk("/api/v1/metrics?name=http.latency&step=5m&tag.host=h1" + range);
    JsonArray points = fives.getJsonArray("series").getJsonObject(0).getJsonArray("points");
    assertEquals(36, points.size());
    points.forEach(p -> assertEquals(5, p.asJsonObject().getInt("count")));
    // Without a step: 180 raw samples per series is under 1000 points, so raw.
    assertEquals("raw", t.getOk("/api/v1/metrics?name=http.latency" + range).getString("step"));
  }

  @Test
  void aLateSampleUpdatesItsBucketsOnTheNextPass() {
    Tenant t = Tenant.create("metrics-late");
    Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 10; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append(sample(UUID.randomUUID(), "jobs", 1, "{}", hour.plusSeconds(60L * i)));
    }
    assertEquals(202, t.send(batch.append(']').toString()).statusCode());
    String range =
        "&from=" + enc(hour.toString()) + "&to=" + enc(hour.plus(Duration.ofHours(1)).toString());
    Poll.until(
        ROLLUP_WAIT,
        "the hour bucket to hold 10 samples",
        () -> t.getOk("/api/v1/metrics?name=jobs&step=1h" + range),
        r -> bucketCount(r) == 10);

    Instant late = hour.plusSeconds(30 * 60 + 15);
    assertEquals(202, t.send(sample(UUID.randomUUID(), "jobs", 32, "{}", late)).statusCode());
    JsonObject updated =
        Poll.until(
            ROLLUP_WAIT,
            "the late sample in the hour bucket",
            () -> t.getOk("/api/v1/metrics?name=jobs&step=1h" + range),
            r -> bucketCount(r) == 11);
    JsonObject bucket =
        updated.getJsonArray("series").getJsonObject(0).getJsonArray("points").getJsonObject(0);
    assertEquals(42, bucket.getJsonNumber("sum").doubleValue());
    assertEquals(32, bucket.getJsonNumber("max").doubleValue());
    JsonObject minute =
        t.getOk(
            "/api/v1/metrics?name=jobs&step=1m&from="
                + enc(late.truncatedTo(ChronoUnit.MINUTES).toString())
                + "&to="
                + enc(late.truncatedTo(ChronoUnit.MINUTES).plusSeconds(60).toString()));
    assertEquals(1, bucketCount(minute), "the late sample has a minute of its own");
    JsonObject agg = t.getOk("/api/v1/metrics/aggregate/jobs?" + range.substring(1));
    assertEquals(11, agg.getInt("count"));
    assertEquals(42, agg.getJsonNumber("sum").doubleValue());
  }

  private static long bucketCount(JsonObject read) {
    long n = 0;
    for (JsonValue s : read.getJsonArray("series")) {
      for (JsonValue p : s.asJsonObject().getJsonArray("points")) {
        n += p.asJsonObject().getInt("count");
      }
    }
    return n;
  }

  @Test
  void latestKeepsTheNewestTimestampWhateverTheOrder() {
    Tenant t = Tenant.create("metrics-latest");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String eu = "{\"region\":\"eu\"}";
    String us = "{\"region\":\"us\"}";
    assertEquals(
        202,
        t.send(
                "["
                    + sample(UUID.randomUUID(), "temp", 1, eu, now.minusSeconds(60))
                    + ","
                    + sample(UUID.randomUUID(), "temp", 7, us, now.minusSeconds(60))
                    + "]")
            .statusCode());
    Poll.until(
        Duration.ofSeconds(20),
        "two latest values",
        () -> t.getOk("/api/v1/metrics/latest/temp"),
        r -> r.getJsonArray("series").size() == 2);
    // An older sample arrives later: it must not move the series back.
    assertEquals(
        202, t.send(sample(UUID.randomUUID(), "temp", 2, eu, now.minusSeconds(300))).statusCode());
    UUID newest = UUID.randomUUID();
    assertEquals(202, t.send(sample(newest, "temp", 3, us, now)).statusCode());
    JsonObject latest =
        Poll.until(
            Duration.ofSeconds(20),
            "the us series to move to 3",
            () -> t.getOk("/api/v1/metrics/latest/temp"),
            r -> valueOf(r, "us") == 3);
    assertEquals(1, valueOf(latest, "eu"), "an older sample never replaces a newer one");
    assertEquals(
        now.minusSeconds(60),
        Instant.parse(
            latest.getJsonArray("series").stream()
                .map(JsonValue::asJsonObject)
                .filter(s -> s.getJsonObject("tags").getString("region").equals("eu"))
                .findFirst()
                .orElseThrow()
                .getString("timestamp")));
    // Wait until the older sample is surely persisted, then check again.
    Poll.until(
        Duration.ofSeconds(20),
        "the old sample stored",
        () ->
            t.getOk(
                "/api/v1/metrics?name=temp&step=raw&tag.region=eu&from="
                    + enc(now.minusSeconds(600).toString())),
        r -> points(r) == 2);
    assertEquals(1, valueOf(t.getOk("/api/v1/metrics/latest/temp"), "eu"));

    JsonObject filtered = t.getOk("/api/v1/metrics/latest/temp?tag.region=us");
    assertEquals(1, filtered.getJsonArray("series").size());
    assertEquals(0, t.getOk("/api/v1/metrics/latest/no.such.metric").getJsonArray("series").size());
  }

  private static double valueOf(JsonObject latest, String region) {
    return latest.getJsonArray("series").stream()
        .map(JsonValue::asJsonObject)
        .filter(s -> s.getJsonObject("tags").getString("region").equals(region))
        .mapToDouble(s -> s.getJsonNumber("value").doubleValue())
        .findFirst()
        .orElse(Double.NaN);
  }

  @Test
  void namesListTheMetricsAndTheirTagKeys() {
    Tenant t = Tenant.create("metrics-names");
    Instant now = Instant.now();
    assertEquals(
        202,
        t.send(
                "["
                    + sample(UUID.randomUUID(), "db.pool.used", 3, "{\"pool\":\"main\"}", now)
                    + ","
                    + sample(
                        UUID.randomUUID(), "db.pool.used", 4, "{\"pool\":\"ro\",\"az\":\"1\"}", now)
                    + ","
                    + sample(UUID.randomUUID(), "http.requests", 9, "{}", now)
                    + "]")
            .statusCode());
    JsonObject names =
        Poll.until(
            Duration.ofSeconds(20),
            "two names",
            () -> t.getOk("/api/v1/metrics/names"),
            r -> r.getJsonArray("names").size() == 2);
    JsonObject pool = names.getJsonArray("names").getJsonObject(0);
    assertEquals("db.pool.used", pool.getString("name"));
    assertEquals(
        List.of("az", "pool"),
        pool.getJsonArray("tag_keys").getValuesAs(JsonString.class).stream()
            .map(JsonString::getString)
            .sorted()
            .toList());
    assertEquals(0, names.getJsonArray("names").getJsonObject(1).getJsonArray("tag_keys").size());
    assertEquals(1, t.getOk("/api/v1/metrics/names?prefix=http.").getJsonArray("names").size());
  }

  @Test
  void anotherProjectsMetricsDoNotExist() {
    Tenant a = Tenant.create("metrics-iso-a");
    Tenant b = Tenant.create("metrics-iso-b");
    UUID id = UUID.randomUUID();
    assertEquals(202, a.send(sample(id, "secret", 1, "{}", Instant.now())).statusCode());
    Poll.until(
        Duration.ofSeconds(20), "stored", () -> a.get("/api/v1/metrics/" + id).statusCode() == 200);
    String[] bToken = b.owner().bearer();
    for (String path :
        List.of(
            "/api/v1/metrics?name=secret&project=" + a.project(),
            "/api/v1/metrics/" + id + "?project=" + a.project(),
            "/api/v1/metrics/aggregate/secret?project=" + a.project(),
            "/api/v1/metrics/latest/secret?project=" + a.project(),
            "/api/v1/metrics/names?project=" + a.project())) {
      assertProblem(Api.as("GET", path, null, bToken), 404);
    }
    // In b's own project, a's sample does not exist either.
    assertProblem(b.get("/api/v1/metrics/" + id), 404);
    assertEquals(0, b.getOk("/api/v1/metrics/latest/secret").getJsonArray("series").size());
    // b's key cannot write into a's project.
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/metrics?project=" + a.project(),
            sample(UUID.randomUUID(), "x", 1, "{}", Instant.now()),
            "X-Pulse-Key",
            b.key()),
        403);
  }

  @Test
  void badInputIsAProblemNamingTheParameterOrField() {
    Tenant t = Tenant.create("metrics-bad");
    assertProblem(t.get("/api/v1/metrics?name=x&step=2m"), 400, "step");
    assertProblem(
        t.get(
            "/api/v1/metrics?name=x&from="
                + enc(Instant.now().toString())
                + "&to="
                + enc(Instant.now().minusSeconds(60).toString())),
        400,
        "from");
    assertProblem(t.get("/api/v1/metrics?name=x&from=yesterday"), 400, "from");
    assertProblem(t.get("/api/v1/metrics?name=" + enc("bad name")), 400, "name");
    assertProblem(t.get("/api/v1/metrics"), 400, "name");
    assertProblem(t.get("/api/v1/metrics?name=x&" + enc("tag.bad key") + "=1"), 400, "tag.bad key");
    assertProblem(t.get("/api/v1/metrics/aggregate/x?group_by=" + enc("a b")), 400, "group_by");
    assertProblem(t.get("/api/v1/metrics/latest/" + enc("no spaces")), 400, "name");
    assertProblem(t.get("/api/v1/metrics/not-a-uuid"), 400, "id");
    assertProblem(Api.as("GET", "/api/v1/metrics/names", null, t.owner().bearer()), 400, "project");

    // More than 10,000 points: one series at 1m over 30 days is 43,200.
    assertEquals(202, t.send(sample(UUID.randomUUID(), "x", 1, "{}", Instant.now())).statusCode());
    Poll.until(
        Duration.ofSeconds(20),
        "series stored",
        () -> t.getOk("/api/v1/metrics/names").getJsonArray("names").size() == 1);
    String month = "&from=" + enc(Instant.now().minus(Duration.ofDays(30)).toString());
    assertProblem(t.get("/api/v1/metrics?name=x&step=1m" + month), 400, "step");
    // Without a step: the one raw sample fits, so raw; with ten thousand it would be 1h.
    assertEquals("raw", t.getOk("/api/v1/metrics?name=x" + month).getString("step"));

    // Ingest: every error listed, with the item's index; nothing accepted.
    HttpResponse<String> bad =
        t.send(
            "[{\"name\":\"ok\",\"value\":1},{\"name\":\"bad name\",\"value\":\"x\"},"
                + "{\"value\":1e999},{\"name\":\"n\"}]");
    JsonObject problem = assertProblem(bad, 400, "name");
    List<String> errors = new ArrayList<>();
    problem
        .getJsonArray("errors")
        .forEach(
            e ->
                errors.add(
                    e.asJsonObject().getInt("index") + ":" + e.asJsonObject().getString("field")));
    assertEquals(List.of("1:name", "1:value", "2:name", "2:value", "3:value"), errors);
    StringBuilder tooMany = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      tooMany.append(i == 0 ? "" : ",").append("{\"name\":\"n\",\"value\":1}");
    }
    assertProblem(t.send(tooMany.append(']').toString()), 400, "$");
    assertProblem(t.send("[]"), 400, "$");
    assertProblem(t.send("42"), 400, "$");
  }

  @Test
  void samplesCountAgainstTheKeysQuota() {
    Accounts.User owner = Accounts.newUser("metrics-quota");
    String project = Accounts.newProject(owner, "metrics-quota");
    String key = Accounts.newKey(owner, project, 5L).getString("key");
    StringBuilder six = new StringBuilder("[");
    for (int i = 0; i < 6; i++) {
      six.append(i == 0 ? "" : ",").append("{\"name\":\"n\",\"value\":" + i + "}");
    }
    HttpResponse<String> refused =
        Api.as("POST", "/api/v1/metrics", six.append(']').toString(), "X-Pulse-Key", key);
    assertProblem(refused, 429);
    assertTrue(refused.headers().firstValue("Retry-After").isPresent());
    assertEquals(
        202,
        Api.as("POST", "/api/v1/metrics", "{\"name\":\"n\",\"value\":1}", "X-Pulse-Key", key)
            .statusCode());
  }
}
