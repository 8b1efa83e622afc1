package dev.pulse.worker.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.notify.TestOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** ChannelTests against an outbox row in memory and a dispatcher that attempts on a thread. */
class ChannelTestsTest {

  private static final Instant QUEUED = Instant.parse("2031-06-02T10:00:00Z");

  /** One test notification's row: absent attempt until {@link #attempt} is set. */
  static final class Row extends NotificationRows {
    final UUID id = UUID.randomUUID();
    final AtomicReference<Attempted> attempt = new AtomicReference<>();

    @Override
    public UUID test(String project, UUID channel, Instant now) {
      return id;
    }

    @Override
    public Optional<Attempted> lastAttempt(UUID notification) {
      return Optional.ofNullable(attempt.get());
    }
  }

  /** Records {@code outcome} on the row from another thread once woken, then signals. */
  static final class AttemptingDispatcher extends Dispatcher {
    final Row row;
    final NotificationRows.Attempted outcome;
    ChannelTests tests;

    AttemptingDispatcher(Row row, NotificationRows.Attempted outcome) {
      this.row = row;
      this.outcome = outcome;
    }

    @Override
    public void wake() {
      if (outcome != null) {
        new Thread(
                () -> {
                  row.attempt.set(outcome);
                  tests.attempted(row.id);
                })
            .start();
      }
    }
  }

  private static ChannelTests tests(Row row, NotificationRows.Attempted outcome) {
    ChannelTests tests = new ChannelTests();
    AttemptingDispatcher dispatcher = new AttemptingDispatcher(row, outcome);
    dispatcher.tests = tests;
    tests.rows = row;
    tests.dispatcher = dispatcher;
    return tests;
  }

  @Test
  void answersSentWithTheTimeFromQueuingToTheAttempt() {
    Row row = new Row();
    var sent = new NotificationRows.Attempted("sent", QUEUED, QUEUED.plusMillis(120), 200, null);
    TestOutcome o = tests(row, sent).send("shop", UUID.randomUUID(), Duration.ofSeconds(10));
    assertEquals(TestOutcome.SENT, o.status());
    assertEquals(row.id, o.notificationId());
    assertEquals(200, o.httpStatus());
    assertNull(o.error());
    assertEquals(Duration.ofMillis(120), o.duration());
  }

  @Test
  void answersFailedWithTheErrorWhenTheFirstAttemptFailedEvenIfItIsRetried() {
    Row row = new Row();
    var refused =
        new NotificationRows.Attempted(
            "pending", QUEUED, QUEUED.plusMillis(15), null, "connection refused");
    TestOutcome o = tests(row, refused).send("shop", UUID.randomUUID(), Duration.ofSeconds(10));
    assertEquals(TestOutcome.FAILED, o.status());
    assertEquals("connection refused", o.error());
    assertNull(o.httpStatus());
  }

  @Test
  void answersPendingOnceTheBoundPassesWithoutAnAttempt() {
    Row row = new Row();
    long start = System.nanoTime();
    TestOutcome o = tests(row, null).send("shop", UUID.randomUUID(), Duration.ofMillis(300));
    long waited = System.nanoTime() - start;
    assertEquals(TestOutcome.PENDING, o.status());
    assertEquals(row.id, o.notificationId());
    assertNull(o.error());
    assertTrue(waited >= Duration.ofMillis(300).toNanos(), "waited the bound: " + waited);
    assertTrue(waited < Duration.ofSeconds(5).toNanos(), "and not much longer: " + waited);
    assertTrue(o.duration().compareTo(Duration.ofMillis(300)) >= 0, o.toString());
  }
}
