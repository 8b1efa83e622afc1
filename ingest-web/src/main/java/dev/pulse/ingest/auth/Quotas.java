package dev.pulse.ingest.auth;

import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.ingest.IngestMetrics;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import dev.pulse.worker.ratelimit.RedisSlidingWindowLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Quotas charges ingested events to their key's events-per-minute quota, on the shared sliding
 * window limiter, and turns a refusal into 429 with Retry-After. Keys without a quota, and users
 * sending with their own token, are limited only by the backlog (503).
 */
@ApplicationScoped
public class Quotas {

  static final String LIMIT_NAME = "ingest-key";

  @Inject RedisSlidingWindowLimiter limiter;
  @Inject IngestMetrics metrics;

  public void charge(Access.Ingestor ingestor, int events) {
    IngestKeys.Resolved key = ingestor.key();
    if (key == null || key.eventsPerMinute() == null) {
      return;
    }
    RateLimit quota = RateLimit.perMinute(LIMIT_NAME, key.eventsPerMinute());
    RateLimiter.Decision decision = limiter.acquire(key.id().toString(), quota, events);
    if (!decision.allowed()) {
      metrics.quotaRefused(ingestor.projectId(), events);
      String detail = events > key.eventsPerMinute()
          ? "a request of " + events + " events can never fit this key's quota of " + quota.describe() + "; send smaller batches"
          : "key " + key.shown() + "... may send " + quota.describe() + " events; nothing of this request of "
              + events + " was accepted";
      throw new ProblemException(Problem.rateLimited("ingest key quota", detail), (int) decision.retryAfterSeconds());
    }
  }
}
