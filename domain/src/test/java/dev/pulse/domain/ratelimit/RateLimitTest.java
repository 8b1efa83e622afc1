package dev.pulse.domain.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void describesItselfForMessages() {
    assertEquals("10 per 1m", RateLimit.perMinute("q", 10).describe());
    assertEquals("5 per 30s", new RateLimit("q", 5, Duration.ofSeconds(30)).describe());
  }

  @Test
  void refusesEmptyLimits() {
    assertThrows(IllegalArgumentException.class, () -> RateLimit.perMinute("q", 0));
    assertThrows(IllegalArgumentException.class, () -> new RateLimit("q", 1, Duration.ZERO));
  }

  @Test
  void retryAfterRoundsUpToWholeSecondsAndAtLeastOne() {
    assertEquals(1, RateLimiter.Decision.deny(Duration.ofMillis(1)).retryAfterSeconds());
    assertEquals(2, RateLimiter.Decision.deny(Duration.ofMillis(1001)).retryAfterSeconds());
    assertEquals(60, RateLimiter.Decision.deny(Duration.ofSeconds(60)).retryAfterSeconds());
  }
}
