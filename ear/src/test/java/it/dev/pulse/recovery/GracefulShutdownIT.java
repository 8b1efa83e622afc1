package it.dev.pulse.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import it.dev.pulse.support.Database;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.RedisClient;

/**
 * A graceful stop under load: consumers finish and ack their batch in hand (nothing is left
 * pending), and every event that got a 202 is stored once the server is back.
 */
@ExtendWith(PulseServer.class)
class GracefulShutdownIT {

  @Test
  void stopFinishesInFlightBatchesAndLosesNothing() throws Exception {
    Set<UUID> acknowledged;
    try (Load load = new Load(4, 50, 400)) {
      Poll.until(
          Duration.ofSeconds(60),
          "some load acknowledged",
          () -> load.acknowledgedCount() >= 1_000);
      PulseServer.stop();
      load.close();
      acknowledged = load.acknowledged();
    }

    try (RedisClient redis = RedisClient.create(URI.create(TestEnv.redisUrl()))) {
      assertEquals(
          0,
          redis.xpending("pulse:events", "pulse-persisters").getTotal(),
          "every batch a consumer had taken was persisted and acked before it stopped");
    }

    PulseServer.start();
    Poll.until(
        Duration.ofSeconds(120),
        acknowledged.size() + " acknowledged events stored",
        () -> Database.countRows(acknowledged) >= acknowledged.size());
    assertEquals(acknowledged.size(), Database.countRows(acknowledged));
  }
}
