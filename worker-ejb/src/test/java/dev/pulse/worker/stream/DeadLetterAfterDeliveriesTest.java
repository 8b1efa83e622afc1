package dev.pulse.worker.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.domain.event.EventLog;
import dev.pulse.worker.WorkerMetrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

class DeadLetterAfterDeliveriesTest {

  private final RecordingStream stream = new RecordingStream();
  private final CountingMetrics metrics = new CountingMetrics();
  private final DeadLetterAfterDeliveries policy =
      new DeadLetterAfterDeliveries(stream, stream.deadLetters, metrics, 3);
  private final StreamRecord record =
      new StreamRecord(new StreamEntryID(1, 7), EventLog.Kind.EVENT, "{\"n\":7}");

  @Test
  void leavesARefusedRecordPendingBelowMaxDeliveries() {
    stream.deliveries.put(record.streamId(), 2L);

    policy.refused(record, new RuntimeException("boom"));

    assertEquals(List.of(), stream.deadLettered);
    assertEquals(0, metrics.deadLettered);
  }

  @Test
  void leavesARecordThatIsNoLongerPending() {
    stream.deliveries.put(record.streamId(), 0L);

    policy.refused(record, new RuntimeException("boom"));

    assertEquals(List.of(), stream.deadLettered);
  }

  @Test
  void deadLettersARefusedRecordAtMaxDeliveries() {
    stream.deliveries.put(record.streamId(), 3L);

    policy.refused(record, new RuntimeException("boom"));

    assertEquals(
        List.of(new DeadLetter(record, "refused by the database: boom (after 3 deliveries)")),
        stream.deadLettered);
    assertEquals(1, metrics.deadLettered);
  }

  @Test
  void deadLettersARefusedRecordBeyondMaxDeliveries() {
    stream.deliveries.put(record.streamId(), 9L);

    policy.refused(record, new RuntimeException("boom"));

    assertEquals(
        List.of(new DeadLetter(record, "refused by the database: boom (after 9 deliveries)")),
        stream.deadLettered);
    assertEquals(1, metrics.deadLettered);
  }

  @Test
  void givesTheRootCauseAsReason() {
    stream.deliveries.put(record.streamId(), 3L);
    RuntimeException cause =
        new RuntimeException(
            "could not execute batch", new IllegalStateException("value too long for type"));

    policy.refused(record, cause);

    assertEquals(
        "refused by the database: value too long for type (after 3 deliveries)",
        stream.deadLettered.get(0).reason());
  }

  @Test
  void cutsLongReasonsTo500Characters() {
    stream.deliveries.put(record.streamId(), 3L);

    policy.refused(record, new RuntimeException("x".repeat(2_000)));

    assertEquals(
        "refused by the database: " + "x".repeat(500) + " (after 3 deliveries)",
        stream.deadLettered.get(0).reason());
  }

  @Test
  void deadLettersAnUnreadableRecordAtOnce() {
    StreamRecord unreadable = new StreamRecord(new StreamEntryID(1, 8), EventLog.Kind.EVENT, null);

    policy.unreadable(unreadable);

    assertEquals(
        List.of(new DeadLetter(unreadable, "unreadable: the entry has no 'e' field")),
        stream.deadLettered);
    assertEquals(List.of(), stream.deliveriesAsked);
    assertEquals(1, metrics.deadLettered);
  }

  private record DeadLetter(StreamRecord record, String reason) {}

  private static final class RecordingStream extends ConsumerGroup {
    final Map<StreamEntryID, Long> deliveries = new HashMap<>();
    final List<StreamEntryID> deliveriesAsked = new ArrayList<>();
    final List<DeadLetter> deadLettered = new ArrayList<>();
    final DeadLetters deadLetters =
        new DeadLetters() {
          @Override
          public void deadLetter(StreamRecord record, String reason) {
            deadLettered.add(new DeadLetter(record, reason));
          }
        };

    @Override
    public long deliveries(StreamEntryID id) {
      deliveriesAsked.add(id);
      Long count = deliveries.get(id);
      if (count == null) {
        throw new AssertionError("unexpected deliveries(" + id + ")");
      }
      return count;
    }

    @Override
    public void ack(List<StreamEntryID> ids) {
      throw new AssertionError("dead-lettering acks atomically inside deadLetter");
    }
  }

  private static final class CountingMetrics extends WorkerMetrics {
    int deadLettered;

    @Override
    public void deadLettered() {
      deadLettered++;
    }
  }
}
