package dev.pulse.worker.stream;

import dev.pulse.worker.persistence.EventSink;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.StreamEntryID;

/**
 * RecordPersister stores a batch of stream records and acks exactly those that were committed.
 * Order matters: commit, then XACK — a crash between the two redelivers the batch, and the
 * idempotent insert stores it once. A batch the database refuses is retried record by record so one
 * poison record never holds back the rest.
 */
class RecordPersister {

  private final ConsumerGroup stream;
  private final EventSink sink;
  private final DeadLetterPolicy poison;

  RecordPersister(ConsumerGroup stream, EventSink sink, DeadLetterPolicy poison) {
    this.stream = stream;
    this.sink = sink;
    this.poison = poison;
  }

  void persist(List<StreamRecord> batch) {
    List<StreamRecord> readable = new ArrayList<>(batch.size());
    for (StreamRecord record : batch) {
      if (record.json() == null) {
        poison.unreadable(record);
      } else {
        readable.add(record);
      }
    }
    if (readable.isEmpty()) {
      return;
    }
    try {
      sink.insert(jsonOf(readable));
    } catch (EventSink.Refused batchRefused) {
      // Some record is bad; find which. Any other exception is an outage and propagates with
      // everything left pending.
      persistOneByOne(readable);
      return;
    }
    // Outside the try: a failed ack is a Redis problem, not a refused record. The entries stay
    // pending and are redelivered; the idempotent insert stores nothing twice.
    stream.ack(idsOf(readable));
  }

  private void persistOneByOne(List<StreamRecord> records) {
    for (StreamRecord record : records) {
      try {
        sink.insert(List.of(record.json()));
      } catch (EventSink.Refused refused) {
        poison.refused(record, refused);
        continue;
      }
      stream.ack(List.of(record.streamId()));
    }
  }

  private static List<String> jsonOf(List<StreamRecord> records) {
    List<String> json = new ArrayList<>(records.size());
    records.forEach(r -> json.add(r.json()));
    return json;
  }

  private static List<StreamEntryID> idsOf(List<StreamRecord> records) {
    List<StreamEntryID> ids = new ArrayList<>(records.size());
    records.forEach(r -> ids.add(r.streamId()));
    return ids;
  }
}
