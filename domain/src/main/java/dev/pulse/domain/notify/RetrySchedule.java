package dev.pulse.domain.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * RetrySchedule decides when a failed notification delivery is tried again and when it is given up:
 * exponential backoff from 2 s doubling up to 5 min with ±20 % jitter, never earlier than a
 * receiver's Retry-After (itself capped at 1 h), and no more than a set number of attempts or time.
 */
public final class RetrySchedule {

  static final Duration BASE = Duration.ofSeconds(2);
  static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  static final Duration MAX_FIRST_RETRY = Duration.ofSeconds(5);
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);
  private static final double JITTER = 0.2;

  private final int maxAttempts;
  private final Duration giveUpAfter;

  /**
   * @param maxAttempts how many failed attempts end the delivery; at least 1
   * @param giveUpAfter how long after the first attempt no further attempt is scheduled; positive
   */
  public RetrySchedule(int maxAttempts, Duration giveUpAfter) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(giveUpAfter, "giveUpAfter");
    if (giveUpAfter.isNegative() || giveUpAfter.isZero()) {
      throw new IllegalArgumentException("giveUpAfter must be positive");
    }
    this.maxAttempts = maxAttempts;
    this.giveUpAfter = giveUpAfter;
  }

  /** The default schedule: 8 attempts within 24 hours. */
  public static RetrySchedule standard() {
    return new RetrySchedule(8, Duration.ofHours(24));
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  public Duration giveUpAfter() {
    return giveUpAfter;
  }

  /**
   * The wait before the next attempt.
   *
   * @param failedAttempts how many attempts have failed so far; at least 1
   * @param retryAfter the receiver's Retry-After, or null; honoured up to 1 hour
   * @param random01 a random number in [0, 1); 0.5 means no jitter
   */
  public Duration delayAfter(int failedAttempts, Duration retryAfter, double random01) {
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1");
    }
    if (!(random01 >= 0.0 && random01 < 1.0)) {
      throw new IllegalArgumentException("random01 must be in [0, 1)");
    }
    int exponent = Math.min(failedAttempts - 1, 20); // 2 s × 2^20 is far past the cap
    long baseMillis = Math.min(BASE.toMillis() << exponent, MAX_BACKOFF.toMillis());
    double factor = 1.0 + JITTER * (2.0 * random01 - 1.0);
    Duration backoff = Duration.ofMillis(Math.round(baseMillis * factor));
    backoff = min(backoff, failedAttempts == 1 ? MAX_FIRST_RETRY : MAX_BACKOFF);
    if (retryAfter == null || retryAfter.isNegative()) {
      return backoff;
    }
    Duration asked = min(retryAfter, MAX_RETRY_AFTER);
    return asked.compareTo(backoff) > 0 ? asked : backoff;
  }

  /**
   * Whether to stop after {@code failedAttempts} failures rather than try again at {@code
   * nextAttemptAt}.
   */
  public boolean givesUp(int failedAttempts, Instant firstAttemptAt, Instant nextAttemptAt) {
    return failedAttempts >= maxAttempts || nextAttemptAt.isAfter(firstAttemptAt.plus(giveUpAfter));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
