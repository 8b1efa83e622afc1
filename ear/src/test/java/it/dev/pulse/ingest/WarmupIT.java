package it.dev.pulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Database;
import it.dev.pulse.support.Problems;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The start-up warm-up ({@code PULSE_WARMUP_SECONDS}, 2 s under {@code ./pulse test}) runs before
 * the server reports started, answers its own requests 202, and keeps nothing: no entry in the
 * stream or among the dead letters, no row. Its key is unknown to anyone else.
 */
@ExtendWith(PulseServer.class)
class WarmupIT {

  private static final String WARMUP_PROJECT = "pulse-warmup";
  private static RedisClient redis;

  @BeforeAll
  static void connect() {
    URI uri = URI.create(TestEnv.redisUrl());
    redis =
        RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort())).build();
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @Test
  void theWarmupRanBeforeStartedAndEveryRequestWasAnswered202() {
    JsonObject check = warmupCheck(Api.object(Api.get("/health/started")));
    assertEquals("UP", check.getString("status"), check.toString());
    JsonObject data = check.getJsonObject("data");
    assertTrue(data.getJsonNumber("requests").longValue() > 0, data.toString());
    assertTrue(data.getString("outcome").contains(", 0 not answered 202"), data.toString());
    assertEquals("UP", warmupCheck(Api.object(Api.get("/health/ready"))).getString("status"));
  }

  @Test
  void nothingOfTheWarmupWasKept() {
    for (String stream : List.of("pulse:events", "pulse:events:dead")) {
      for (StreamEntry entry : redis.xrange(stream, "-", "+")) {
        for (Map.Entry<String, String> field : entry.getFields().entrySet()) {
          assertTrue(
              !field.getValue().contains(WARMUP_PROJECT), stream + " holds " + field.getValue());
        }
      }
    }
    assertEquals(0, Database.countEventsOf(WARMUP_PROJECT));
  }

  @Test
  void aKeyShapedLikeTheWarmupsIsJustAnUnknownKey() {
    Problems.assertProblem(
        Api.send(
            HttpRequest.newBuilder(Api.uri("/ingest"))
                .header("Content-Type", "application/json")
                .header("X-Pulse-Key", "pulse_warmup_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"type\":\"page_view\",\"name\":\"x\",\"value\":1}"))
                .build()),
        401);
  }

  private static JsonObject warmupCheck(JsonObject health) {
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> "warm-up".equals(c.getString("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no warm-up check in " + health));
  }
}
