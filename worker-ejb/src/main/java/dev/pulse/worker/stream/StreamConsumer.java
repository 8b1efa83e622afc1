package dev.pulse.worker.stream;

import dev.pulse.domain.event.EventLog;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.StreamEntryID;

/**
 * StreamConsumer is one consumer of the group, run as a long task on a managed executor: it drains
 * its own pending entries first, then loops {@code readBatch → persist → ack}, and now and then
 * claims entries left idle by dead consumers. Entries are acked only after the database commit, so
 * a crash anywhere leaves them pending and they are delivered again (at least once; the insert is
 * idempotent, so stored exactly once).
 */
public class StreamConsumer implements Runnable {

  private static final Logger LOG = System.getLogger(StreamConsumer.class.getName());
  private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(1);

  private final String name;
  private final ConsumerGroup stream;
  private final RecordPersister persister;
  private final StreamConfig config;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;
  private long nextClaim;

  public StreamConsumer(
      String name,
      ConsumerGroup stream,
      Map<EventLog.Kind, RecordStore> stores,
      DeadLetterPolicy poison,
      RecordObserver observer,
      StreamConfig config) {
    this.name = name;
    this.stream = stream;
    this.persister = new RecordPersister(stream, stores, poison, observer);
    this.config = config;
  }

  @Override
  public void run() {
    LOG.log(Level.INFO, "Consumer {0} started", name);
    try {
      drainOwnPending();
      nextClaim = System.nanoTime();
      while (running) {
        doLoop();
      }
    } finally {
      stopped.countDown();
      LOG.log(Level.INFO, "Consumer {0} stopped", name);
    }
  }

  /** Asks the loop to stop after the batch in hand is persisted and acked. */
  public void stop() {
    running = false;
  }

  public boolean awaitStopped(Duration timeout) throws InterruptedException {
    return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public String name() {
    return name;
  }

  private void doLoop() {
    try {
      List<StreamRecord> batch = readBatch();
      if (!batch.isEmpty()) {
        persister.persist(batch);
      }
      if (System.nanoTime() - nextClaim >= 0) {
        claimIdle();
        nextClaim = System.nanoTime() + config.claimInterval().toNanos();
      }
    } catch (RuntimeException e) {
      // Redis or the database is away: nothing was acked, so nothing is lost. Back off and retry.
      LOG.log(
          Level.WARNING,
          "Consumer {0} failed, retrying in {1}: {2}",
          name,
          FAILURE_BACKOFF,
          e.toString());
      pause(FAILURE_BACKOFF);
    }
  }

  /**
   * After a restart the consumer's own unacked entries are persisted before any new one. The cursor
   * moves past each entry read, so one that is refused again is left to the idle claim (with its
   * backoff) instead of being re-read in a tight loop.
   */
  private void drainOwnPending() {
    StreamEntryID after = new StreamEntryID(0, 0);
    while (running) {
      try {
        List<StreamRecord> pending = stream.readOwnPending(name, after, config.batchSize());
        if (pending.isEmpty()) {
          return;
        }
        LOG.log(Level.INFO, "Consumer {0} recovering {1} pending entries", name, pending.size());
        persister.persist(pending);
        after = pending.get(pending.size() - 1).streamId();
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING,
            "Consumer {0} could not recover pending entries yet: {1}",
            name,
            e.toString());
        pause(FAILURE_BACKOFF);
      }
    }
  }

  private List<StreamRecord> readBatch() {
    BatchWindow window = new BatchWindow(config.batchSize(), config.linger());
    List<StreamRecord> batch = new ArrayList<>();
    while (running && !window.isComplete(System.nanoTime())) {
      int blockMs = window.nextBlockMs(System.nanoTime(), config.blockMs());
      List<StreamRecord> read = stream.readNew(name, window.room(), blockMs);
      window.add(read.size(), System.nanoTime());
      batch.addAll(read);
      if (read.isEmpty() && window.isEmpty()) {
        break; // idle: give the loop a chance to claim and to notice a stop request
      }
    }
    return batch;
  }

  private void claimIdle() {
    StreamEntryID cursor = new StreamEntryID(0, 0);
    do {
      Map.Entry<StreamEntryID, List<StreamRecord>> claimed =
          stream.claimIdle(name, config.claimIdleMs(), cursor, config.batchSize());
      if (!claimed.getValue().isEmpty()) {
        LOG.log(
            Level.INFO, "Consumer {0} claimed {1} idle entries", name, claimed.getValue().size());
        persister.persist(claimed.getValue());
      }
      cursor = claimed.getKey();
    } while (running && !cursor.equals(new StreamEntryID(0, 0)));
  }

  private void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      running = false;
      Thread.currentThread().interrupt();
    }
  }
}
