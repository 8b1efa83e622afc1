package dev.pulse.worker.notify;

import dev.pulse.domain.notify.TestOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * ChannelTests sends a test notification to a channel and waits, bounded, for its first attempt.
 * The test goes through the outbox like any notification, so whichever node's dispatcher claims it,
 * the outcome is read from its row; this node's dispatcher also signals each test it attempted, so
 * the wait usually ends as soon as the attempt is recorded. A failed test is retried like any
 * notification; the answer is the first attempt's.
 */
@ApplicationScoped
public class ChannelTests {

  /** How often the row is read while the attempt may be another node's. */
  static final Duration RECHECK = Duration.ofMillis(200);

  @Inject NotificationRows rows;
  @Inject Dispatcher dispatcher;

  private final Map<UUID, CountDownLatch> waiting = new ConcurrentHashMap<>();

  /** Queues a test notification to the channel and waits up to {@code bound} for its attempt. */
  public TestOutcome send(String project, UUID channel, Duration bound) {
    long start = System.nanoTime();
    long deadline = start + bound.toNanos();
    UUID id = rows.test(project, channel, Instant.now());
    dispatcher.wake();
    try {
      while (true) {
        // The latch before the read: a signal after the read wakes the wait below.
        CountDownLatch signal = new CountDownLatch(1);
        waiting.put(id, signal);
        Optional<NotificationRows.Attempted> attempt = rows.lastAttempt(id);
        if (attempt.isPresent()) {
          return outcome(id, attempt.get());
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        signal.await(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      waiting.remove(id);
    }
    return new TestOutcome(
        id, TestOutcome.PENDING, null, null, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Called by the dispatcher once it has recorded an attempt at a test notification. */
  void attempted(UUID id) {
    CountDownLatch signal = waiting.get(id);
    if (signal != null) {
      signal.countDown();
    }
  }

  static TestOutcome outcome(UUID id, NotificationRows.Attempted a) {
    boolean sent = TestOutcome.SENT.equals(a.status());
    return new TestOutcome(
        id,
        sent ? TestOutcome.SENT : TestOutcome.FAILED,
        a.httpStatus(),
        sent ? null : a.error(),
        Duration.between(a.queuedAt(), a.at()));
  }
}
