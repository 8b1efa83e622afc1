package dev.pulse.domain.ratelimit;

import java.time.Duration;

/**
 * RateLimit allows {@code limit} units (requests, events, notifications) per sliding {@code
 * window}. The name says which limit refused a caller, in problem bodies and metrics.
 */
public record RateLimit(String name, long limit, Duration window) {

  public RateLimit {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, got " + limit);
    }
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException("window must be at least 1 ms, got " + window);
    }
  }

  public static RateLimit perMinute(String name, long limit) {
    return new RateLimit(name, limit, Duration.ofMinutes(1));
  }

  /** "100 per 1m", for messages. */
  public String describe() {
    long seconds = window.toSeconds();
    String span = seconds % 60 == 0 ? (seconds / 60) + "m" : seconds + "s";
    return limit + " per " + span;
  }
}
