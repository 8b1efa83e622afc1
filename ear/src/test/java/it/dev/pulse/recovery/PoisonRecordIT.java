package it.dev.pulse.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Database;
import it.dev.pulse.support.Events;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Records that can never be stored go to the dead-letter stream with their reason — after the
 * configured deliveries (3 in tests) when the database refuses them — and never block the rest.
 */
@ExtendWith(PulseServer.class)
class PoisonRecordIT {

  private static final String NOW =
      java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).toString();

  private static final String STREAM = "pulse:events";
  private static final String DEAD = "pulse:events:dead";

  @Test
  void poisonRecordsAreDeadLetteredAndGoodOnesStillStored() {
    try (RedisClient redis = RedisClient.create(URI.create(TestEnv.redisUrl()))) {
      String marker = UUID.randomUUID().toString();
      UUID good = UUID.randomUUID();
      StreamEntryID unreadable =
          redis.xadd(STREAM, XAddParams.xAddParams(), Map.of("junk", marker));
      StreamEntryID refused =
          redis.xadd(
              STREAM,
              XAddParams.xAddParams(),
              Map.of(
                  "e",
                  "{\"id\":\""
                      + UUID.randomUUID()
                      + "\",\"type\":\"t\",\"source\":\"s\",\"occurred_at\":\"not a time "
                      + marker
                      + "\"}"));
      redis.xadd(
          STREAM,
          XAddParams.xAddParams(),
          Map.of(
              "e",
              Events.json(good, "t", "s")
                  .replace(
                      "\"value\"",
                      "\"occurred_at\":\""
                          + NOW
                          + "\",\"received_at\":\""
                          + NOW
                          + "\",\"value\"")));

      Poll.until(
          Duration.ofSeconds(30), "the good record stored", () -> Database.countRows(good) == 1);
      Poll.until(
          Duration.ofSeconds(60),
          "both poison records dead-lettered",
          () -> deadLettered(redis, unreadable) != null && deadLettered(redis, refused) != null);

      assertTrue(
          deadLettered(redis, unreadable).getFields().get("reason").startsWith("unreadable"));
      String reason = deadLettered(redis, refused).getFields().get("reason");
      assertTrue(
          reason.contains("refused by the database") && reason.contains("after 3 deliveries"),
          reason);
      Poll.until(
          Duration.ofSeconds(10),
          "nothing left pending",
          () -> redis.xpending(STREAM, "pulse-persisters").getTotal() == 0);
      assertEquals(0, redis.xpending(STREAM, "pulse-persisters").getTotal());
    }
  }

  private static StreamEntry deadLettered(RedisClient redis, StreamEntryID original) {
    List<StreamEntry> dead = redis.xrange(DEAD, (StreamEntryID) null, (StreamEntryID) null);
    return dead.stream()
        .filter(e -> original.toString().equals(e.getFields().get("stream_id")))
        .findFirst()
        .orElse(null);
  }
}
