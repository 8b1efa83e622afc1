package dev.pulse.domain.event;

import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.ratelimit.RateLimiter;
import java.util.List;

/**
 * EventLog is the durable log between ingestion and persistence. Entries are events or metric
 * samples as canonical JSON; once {@link #append} returns, they survive a crash of every Pulse
 * process, and the worker stores each of them exactly once.
 */
public interface EventLog {

  /** What an entry holds: an event, or a metric sample. */
  enum Kind {
    EVENT,
    SAMPLE
  }

  /**
   * One request's entries (all of one kind, as canonical JSON), and the quota they must fit (null
   * for none).
   */
  record Batch(Kind kind, List<String> entries, Quota quota) {
    public Batch(List<String> events, Quota quota) {
      this(Kind.EVENT, events, quota);
    }
  }

  /**
   * A rate limit and whose it is: the events are charged to {@code subject} under {@code limit}.
   */
  record Quota(String subject, RateLimit limit) {}

  /**
   * Entries appended but not yet persisted: never delivered, and delivered but not acknowledged.
   */
  record Backlog(long undelivered, long pending) {
    public long total() {
      return undelivered + pending;
    }
  }

  /**
   * Appends the batches in one round trip. A batch with a quota is charged and appended in one
   * atomic step, and only if it fits. When this returns, every appended entry is durable; when it
   * throws, the caller must not report success for any batch.
   *
   * @return per batch, the quota's decision (an allowance for batches without a quota)
   */
  List<RateLimiter.Decision> append(List<Batch> batches);

  Backlog backlog();

  /** Whether the log answers at all (readiness). */
  boolean isReachable();
}
