package dev.pulse.worker.stream;

import dev.pulse.worker.WorkerMetrics;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * DeadLetterAfterDeliveries retries a refused record (it stays pending and is reclaimed once idle)
 * until it was delivered {@code maxDeliveries} times, then moves it with its reason to the
 * dead-letter stream. Unreadable records go there at once.
 */
public class DeadLetterAfterDeliveries implements DeadLetterPolicy {

  private static final Logger LOG = System.getLogger(DeadLetterAfterDeliveries.class.getName());

  private final ConsumerGroup stream;
  private final DeadLetters deadLetters;
  private final WorkerMetrics metrics;
  private final int maxDeliveries;

  public DeadLetterAfterDeliveries(
      ConsumerGroup stream, DeadLetters deadLetters, WorkerMetrics metrics, int maxDeliveries) {
    this.stream = stream;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.maxDeliveries = maxDeliveries;
  }

  @Override
  public void unreadable(StreamRecord record) {
    deadLetter(record, "unreadable: the entry has no '" + RedisEventLog.EVENT_FIELD + "' field");
  }

  @Override
  public void refused(StreamRecord record, RuntimeException cause) {
    long deliveries = stream.deliveries(record.streamId());
    String reason = "refused by the database: " + rootMessage(cause);
    if (deliveries >= maxDeliveries) {
      deadLetter(record, reason + " (after " + deliveries + " deliveries)");
    } else {
      LOG.log(
          Level.WARNING,
          "Entry {0} refused (delivery {1} of {2}), will retry: {3}",
          record.streamId(),
          deliveries,
          maxDeliveries,
          reason);
    }
  }

  private void deadLetter(StreamRecord record, String reason) {
    deadLetters.deadLetter(record, reason);
    metrics.deadLettered();
    LOG.log(Level.WARNING, "Entry {0} dead-lettered: {1}", record.streamId(), reason);
  }

  private static String rootMessage(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    return message.length() > 500 ? message.substring(0, 500) : message;
  }
}
