package dev.pulse.worker.persistence;

import jakarta.ejb.ApplicationException;
import java.util.List;

/** EventSink is where the consumers put events: the port the stream side persists through. */
public interface EventSink {

  /**
   * Stores events given as canonical JSON in one transaction, ignoring ids already stored.
   *
   * @return how many were new
   * @throws Refused when the store rejects the data itself; any other exception is an outage
   */
  int insert(List<String> eventsJson);

  /**
   * The store rejected the data (SQLState class 22 "data exception" or 23 "integrity constraint
   * violation"): retrying the same records will fail the same way. Anything else — connection loss,
   * a full disk, a read-only failover, a timeout — is an outage and must not condemn the records.
   */
  @ApplicationException(rollback = true)
  class Refused extends RuntimeException {
    public Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
