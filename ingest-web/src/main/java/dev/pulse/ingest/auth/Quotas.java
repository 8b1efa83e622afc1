package dev.pulse.ingest.auth;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.ingest.IngestMetrics;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Quotas holds ingested events to their key's events-per-minute quota. The charge itself happens in
 * Redis, in the same script call that appends the events ({@link EventLog#append}), so a refused
 * request appends nothing and an accepted one is always paid for. Keys without a quota, and users
 * sending with their own token, are limited only by the backlog (503).
 */
@ApplicationScoped
public class Quotas {

  static final String LIMIT_NAME = "ingest-key";

  @Inject IngestMetrics metrics;

  /** The quota the sender's events are charged to, or null when there is none. */
  public EventLog.Quota of(Access.Ingestor sender) {
    IngestKeys.Resolved key = sender.key();
    if (key == null || key.eventsPerMinute() == null) {
      return null;
    }
    return new EventLog.Quota(
        key.id().toString(), RateLimit.perMinute(LIMIT_NAME, key.eventsPerMinute()));
  }

  /** The 429 for a request the quota refused: which limit, and when it fits again. */
  public ProblemException refused(
      Access.Ingestor sender, int events, RateLimiter.Decision decision) {
    IngestKeys.Resolved key = sender.key();
    RateLimit quota = RateLimit.perMinute(LIMIT_NAME, key.eventsPerMinute());
    metrics.quotaRefused(sender.projectId(), events);
    String detail =
        events > key.eventsPerMinute()
            ? "a request of "
                + events
                + " events can never fit this key's quota of "
                + quota.describe()
                + "; send smaller batches"
            : "key "
                + key.shown()
                + "... may send "
                + quota.describe()
                + " events; nothing of this request of "
                + events
                + " was accepted";
    return new ProblemException(
        Problem.rateLimited("ingest key quota", detail), (int) decision.retryAfterSeconds());
  }
}
