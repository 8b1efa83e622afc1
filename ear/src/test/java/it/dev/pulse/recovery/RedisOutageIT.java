package it.dev.pulse.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Api;
import it.dev.pulse.support.Database;
import it.dev.pulse.support.Events;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis goes away: ingestion says 503 + Retry-After, readiness goes DOWN; both recover with Redis.
 */
@ExtendWith(PulseServer.class)
class RedisOutageIT {

  @Test
  void answers503WhileRedisIsDownAndRecovers() throws Exception {
    UUID before = UUID.randomUUID();
    assertEquals(
        202, Api.postJson("/api/v1/events", Events.json(before, "outage", "svc")).statusCode());

    redis("stop");
    try {
      HttpResponse<String> refused =
          Poll.until(
              Duration.ofSeconds(20),
              "a 503 while Redis is down",
              () -> Api.postJson("/api/v1/events", Events.json(UUID.randomUUID(), "outage", "svc")),
              r -> r.statusCode() == 503);
      assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After header");
      assertTrue(refused.body().contains("urn:pulse:problem:unavailable"), refused.body());
      HttpResponse<String> ready = Api.get("/health/ready");
      assertEquals(503, ready.statusCode());
      assertTrue(ready.body().contains("\"DOWN\""), ready.body());
    } finally {
      redis("start");
    }

    UUID after = UUID.randomUUID();
    Poll.until(
        Duration.ofSeconds(30),
        "ingestion back after Redis restart",
        () ->
            Api.postJson("/api/v1/events", Events.json(after, "outage", "svc")).statusCode()
                == 202);
    Poll.until(
        Duration.ofSeconds(30),
        "/health/ready UP",
        () -> Api.get("/health/ready").statusCode() == 200);
    Poll.until(
        Duration.ofSeconds(30),
        "events from before and after the outage stored",
        () -> Database.countRows(java.util.List.of(before, after)) == 2);
  }

  private static void redis(String action) throws IOException, InterruptedException {
    String dir = TestEnv.require("PULSE_TEST_STATE_DIR") + "/redis";
    String port = TestEnv.require("PULSE_TEST_REDIS_PORT");
    Process p =
        new ProcessBuilder(TestEnv.require("PULSE_CONTROL"), "redis", action, dir, port)
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor(), "pulse redis " + action);
  }
}
