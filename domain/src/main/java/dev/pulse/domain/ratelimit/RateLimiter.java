package dev.pulse.domain.ratelimit;

import java.time.Duration;

/**
 * RateLimiter charges units against a limit for one subject (an account, an address, a key). A call
 * either takes all {@code cost} units or none, atomically with any concurrent caller.
 */
public interface RateLimiter {

  Decision acquire(String subject, RateLimit limit, long cost);

  /** The outcome of one {@link #acquire} call. */
  record Decision(boolean allowed, long remaining, Duration retryAfter) {

    public static Decision allow(long remaining) {
      return new Decision(true, remaining, Duration.ZERO);
    }

    public static Decision deny(Duration retryAfter) {
      return new Decision(false, 0, retryAfter);
    }

    /** Whole seconds to wait, rounded up and at least 1, as a Retry-After header wants it. */
    public long retryAfterSeconds() {
      long millis = retryAfter.toMillis();
      return Math.max(1, (millis + 999) / 1000);
    }
  }
}
