package it.dev.pulse.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Database;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * kill -9 of the server while a load runs: after restart every event that got a 202 is stored once.
 */
@ExtendWith(PulseServer.class)
class CrashRecoveryIT {

  @Test
  void everyAcknowledgedEventIsStoredExactlyOnceAfterKill9() throws Exception {
    Set<UUID> acknowledged;
    try (Load load = new Load(4, 50, 400)) {
      Poll.until(
          Duration.ofSeconds(60),
          "some load acknowledged",
          () -> load.acknowledgedCount() >= 2_000);
      PulseServer.kill9();
      int atKill = load.acknowledgedCount();
      load.close();
      acknowledged = load.acknowledged();
      assertTrue(atKill >= 2_000, "a non-trivial load was acknowledged before the kill: " + atKill);
      assertTrue(load.refused() > 0, "the kill happened while requests were in flight");
      System.out.printf(
          "kill -9 under load: %d events acknowledged, %d requests refused or cut off%n",
          acknowledged.size(), load.refused());
    }

    PulseServer.start();

    Poll.until(
        Duration.ofSeconds(120),
        acknowledged.size() + " acknowledged events stored",
        () -> Database.countRows(acknowledged) >= acknowledged.size());
    assertEquals(
        acknowledged.size(),
        Database.countRows(acknowledged),
        "as many rows as acknowledged ids: none lost, none stored twice");
    assertEquals(
        acknowledged.size(),
        Database.countDistinctIds(acknowledged),
        "every acknowledged id stored (a duplicate cannot hide a loss)");
  }
}
