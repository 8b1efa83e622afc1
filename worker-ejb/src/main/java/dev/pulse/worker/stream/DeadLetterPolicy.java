package dev.pulse.worker.stream;

/**
 * DeadLetterPolicy decides what becomes of a record that could not be persisted while the database
 * was up: retry it later (leave it pending) or give up on it (dead-letter it).
 */
public interface DeadLetterPolicy {

  /** A record that cannot even be read (no event field): no delivery will ever fix it. */
  void unreadable(StreamRecord record);

  /** A record the database refused; {@code cause} says why. */
  void refused(StreamRecord record, RuntimeException cause);
}
