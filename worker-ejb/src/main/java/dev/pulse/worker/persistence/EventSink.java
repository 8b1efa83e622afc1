package dev.pulse.worker.persistence;

import java.util.List;

/** EventSink is where the consumers put events: the port the stream side persists through. */
public interface EventSink {

  /**
   * Stores events given as canonical JSON in one transaction, ignoring ids already stored.
   *
   * @return how many were new
   */
  int insert(List<String> eventsJson);

  /** Whether the store answers at all: tells an outage from a record it refuses. */
  boolean isReachable();
}
