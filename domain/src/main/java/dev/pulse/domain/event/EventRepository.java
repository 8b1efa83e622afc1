package dev.pulse.domain.event;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * EventRepository reads stored events and removes old ones. Events are written by the worker only,
 * from the event stream ({@link EventLog}); the HTTP side never writes this table.
 */
public interface EventRepository {

  /**
   * The events with this id, one per project that has one: callers keep those the reader may see.
   */
  List<Event> findAll(UUID id);

  /** One page of events, newest first; ask for {@code limit + 1} to learn whether more follow. */
  List<Event> search(EventQuery query, int fetch);

  /** Deletes up to {@code limit} events that occurred before {@code cutoff}; returns how many. */
  int deleteOccurredBefore(Instant cutoff, int limit);

  /** Whether the store answers at all (readiness). */
  boolean isReachable();
}
