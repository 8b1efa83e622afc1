package dev.pulse.worker.stream;

import dev.pulse.domain.event.EventLog;
import dev.pulse.worker.persistence.EventSink;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;

/**
 * RecordPersister stores a batch of stream records and acks exactly those that were committed.
 * Order matters: commit, then XACK — a crash between the two redelivers the batch, and the
 * idempotent insert stores it once. A batch the database refuses is retried record by record so one
 * poison record never holds back the rest. Events and metric samples go to their own stores; each
 * kind is committed and acked on its own.
 */
class RecordPersister {

  private final ConsumerGroup stream;
  private final Map<EventLog.Kind, RecordStore> stores;
  private final DeadLetterPolicy poison;
  private final RecordObserver observer;

  RecordPersister(
      ConsumerGroup stream,
      Map<EventLog.Kind, RecordStore> stores,
      DeadLetterPolicy poison,
      RecordObserver observer) {
    this.stream = stream;
    this.stores = stores;
    this.poison = poison;
    this.observer = observer;
  }

  void persist(List<StreamRecord> batch) {
    Map<EventLog.Kind, List<StreamRecord>> readable = new EnumMap<>(EventLog.Kind.class);
    for (StreamRecord record : batch) {
      if (record.json() == null || !stores.containsKey(record.kind())) {
        poison.unreadable(record);
      } else {
        readable.computeIfAbsent(record.kind(), k -> new ArrayList<>(batch.size())).add(record);
      }
    }
    readable.forEach((kind, records) -> persist(kind, stores.get(kind), records));
  }

  private void persist(EventLog.Kind kind, RecordStore store, List<StreamRecord> readable) {
    List<String> json = jsonOf(readable);
    try {
      store.store(json);
    } catch (EventSink.Refused batchRefused) {
      // Some record is bad; find which. Any other exception is an outage and propagates with
      // everything left pending.
      persistOneByOne(store, readable);
      return;
    }
    // Outside the try: a failed ack is a Redis problem, not a refused record. The entries stay
    // pending and are redelivered; the idempotent insert stores nothing twice.
    stream.ack(idsOf(readable));
    observer.persisted(kind, json);
  }

  private void persistOneByOne(RecordStore store, List<StreamRecord> records) {
    for (StreamRecord record : records) {
      try {
        store.store(List.of(record.json()));
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
