package dev.pulse.worker.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pulse.domain.event.EventLog;
import dev.pulse.worker.persistence.EventSink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.StreamEntryID;

class RecordPersisterTest {

  private final List<String> log = new ArrayList<>();
  private final FakeSink sink = new FakeSink(log);
  private final RecordingStream stream = new RecordingStream(log);
  private final RecordingPolicy policy = new RecordingPolicy();
  private final RecordPersister persister =
      new RecordPersister(
          stream, Map.of(EventLog.Kind.EVENT, sink::insert), policy, RecordObserver.NONE);

  private final StreamRecord a = record(1, "{\"n\":1}");
  private final StreamRecord b = record(2, "{\"n\":2}");
  private final StreamRecord c = record(3, "{\"n\":3}");

  @Test
  void insertsTheWholeBatchThenAcksItInOneCall() {
    persister.persist(List.of(a, b, c));

    assertEquals(List.of("insert [{\"n\":1}, {\"n\":2}, {\"n\":3}]", "ack [1-1, 1-2, 1-3]"), log);
    assertEquals(List.of(), policy.unreadable);
    assertEquals(List.of(), policy.refused);
  }

  @Test
  void doesNothingForAnEmptyBatch() {
    persister.persist(List.of());

    assertEquals(List.of(), log);
  }

  @Test
  void retriesOneByOneWhenTheReachableSinkRefusesTheBatch() {
    sink.refused.add(b.json());

    persister.persist(List.of(a, b, c));

    assertEquals(
        List.of(
            "insert [{\"n\":1}, {\"n\":2}, {\"n\":3}]",
            "insert [{\"n\":1}]",
            "ack [1-1]",
            "insert [{\"n\":2}]",
            "insert [{\"n\":3}]",
            "ack [1-3]"),
        log);
    assertEquals(List.of(b), policy.refused);
    assertEquals("refused: {\"n\":2}", policy.causes.get(0).getMessage());
    assertEquals(List.of(List.of(a.streamId()), List.of(c.streamId())), stream.acked);
  }

  @Test
  void hasEveryRefusedRecordJudgedByThePolicy() {
    sink.refused.add(a.json());
    sink.refused.add(c.json());

    persister.persist(List.of(a, b, c));

    assertEquals(List.of(a, c), policy.refused);
    assertEquals(List.of(List.of(b.streamId())), stream.acked);
  }

  @Test
  void propagatesAnOutageAndAcksNothing() {
    sink.downAfterCalls = 0;

    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> persister.persist(List.of(a, b, c)));

    assertSame(sink.lastFailure, thrown);
    assertEquals(List.of("insert [{\"n\":1}, {\"n\":2}, {\"n\":3}]"), log);
    assertEquals(List.of(), stream.acked);
    assertEquals(List.of(), policy.refused);
    assertEquals(List.of(), policy.unreadable);
  }

  @Test
  void stopsRetryingAndPropagatesWhenTheSinkGoesDownMidway() {
    sink.refused.add(b.json()); // the batch is refused while the database is up...
    sink.downAfterCalls = 2; // ...which goes away after storing record a on its own

    RuntimeException thrown =
        assertThrows(RuntimeException.class, () -> persister.persist(List.of(a, b, c)));

    assertSame(sink.lastFailure, thrown);
    assertEquals(
        List.of(
            "insert [{\"n\":1}, {\"n\":2}, {\"n\":3}]",
            "insert [{\"n\":1}]",
            "ack [1-1]",
            "insert [{\"n\":2}]"),
        log);
    assertEquals(List.of(), policy.refused, "an outage is not the record's fault");
  }

  @Test
  void handsRecordsWithoutJsonToThePolicyWithoutInsertingThem() {
    StreamRecord unreadable = record(9, null);

    persister.persist(List.of(a, unreadable, c));

    assertEquals(List.of(unreadable), policy.unreadable);
    assertEquals(List.of("insert [{\"n\":1}, {\"n\":3}]", "ack [1-1, 1-3]"), log);
  }

  @Test
  void insertsNothingWhenNoRecordIsReadable() {
    StreamRecord first = record(8, null);
    StreamRecord second = record(9, null);

    persister.persist(List.of(first, second));

    assertEquals(List.of(first, second), policy.unreadable);
    assertEquals(List.of(), log);
  }

  private static StreamRecord record(long seq, String json) {
    return new StreamRecord(new StreamEntryID(1, seq), EventLog.Kind.EVENT, json);
  }

  /**
   * Refuses batches holding a json of {@code refused}; fails every call after {@code
   * downAfterCalls}.
   */
  private static final class FakeSink implements EventSink {
    private final List<String> log;
    final Set<String> refused = new HashSet<>();
    int downAfterCalls = Integer.MAX_VALUE;
    RuntimeException lastFailure;
    private int calls;

    FakeSink(List<String> log) {
      this.log = log;
    }

    @Override
    public int insert(List<String> eventsJson) {
      log.add("insert " + eventsJson);
      calls++;
      if (calls > downAfterCalls) {
        throw lastFailure = new RuntimeException("connection refused");
      }
      for (String json : eventsJson) {
        if (refused.contains(json)) {
          throw lastFailure = new EventSink.Refused("refused: " + json, null);
        }
      }
      return eventsJson.size();
    }
  }

  private static final class RecordingStream extends ConsumerGroup {
    private final List<String> log;
    final List<List<StreamEntryID>> acked = new ArrayList<>();

    RecordingStream(List<String> log) {
      this.log = log;
    }

    @Override
    public void ack(List<StreamEntryID> ids) {
      log.add("ack " + ids);
      acked.add(List.copyOf(ids));
    }

    @Override
    public long deliveries(StreamEntryID id) {
      throw new AssertionError("the persister leaves delivery counts to the policy");
    }
  }

  private static final class RecordingPolicy implements DeadLetterPolicy {
    final List<StreamRecord> unreadable = new ArrayList<>();
    final List<StreamRecord> refused = new ArrayList<>();
    final List<RuntimeException> causes = new ArrayList<>();

    @Override
    public void unreadable(StreamRecord record) {
      unreadable.add(record);
    }

    @Override
    public void refused(StreamRecord record, RuntimeException cause) {
      refused.add(record);
      causes.add(cause);
    }
  }
}
