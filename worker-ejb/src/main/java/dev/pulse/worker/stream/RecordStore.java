package dev.pulse.worker.stream;

import java.util.List;

/**
 * RecordStore persists the JSON of stream records of one kind, in one transaction, ignoring those
 * already stored; when it returns, they are committed.
 *
 * @see dev.pulse.worker.persistence.EventSink.Refused thrown when the data itself is rejected
 */
@FunctionalInterface
public interface RecordStore {
  void store(List<String> json);
}
