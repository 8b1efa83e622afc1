package it.dev.pulse.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.worker.ratelimit.RedisRateLimiter;
import dev.pulse.worker.redis.Redis;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.TestEnv;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * The sliding-window script against the test Redis: exact under concurrency, honest about when to
 * retry.
 */
class SlidingWindowLimiterIT {

  private static RedisClient client;
  private static RateLimiter limiter;

  @BeforeAll
  static void connect() {
    URI uri = URI.create(TestEnv.redisUrl());
    client =
        RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort())).build();
    limiter =
        new RedisRateLimiter(
            new Redis() {
              @Override
              public <T> T call(String name, Function<UnifiedJedis, T> command) {
                return command.apply(client);
              }
            });
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @Test
  void concurrentCallersNeverOvershootTheLimit() throws Exception {
    RateLimit limit = new RateLimit("it", 100, Duration.ofMinutes(5));
    String subject = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> callers = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        callers.add(
            () -> {
              int allowed = 0;
              for (int i = 0; i < 40; i++) {
                if (limiter.acquire(subject, limit, 1).allowed()) {
                  allowed++;
                }
              }
              return allowed;
            });
      }
      int total = 0;
      for (Future<Integer> f : pool.invokeAll(callers)) {
        total += f.get();
      }
      assertEquals(100, total, "320 attempts against a limit of 100");
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void aRefusalSaysHowLongToWaitAndThatIsEnough() {
    RateLimit limit = new RateLimit("it", 5, Duration.ofSeconds(2));
    String subject = UUID.randomUUID().toString();
    assertTrue(limiter.acquire(subject, limit, 5).allowed());
    RateLimiter.Decision refused = limiter.acquire(subject, limit, 1);
    assertFalse(refused.allowed());
    assertTrue(
        refused.retryAfter().compareTo(Duration.ZERO) > 0
            && refused.retryAfter().compareTo(Duration.ofSeconds(4)) <= 0,
        "retry after " + refused.retryAfter());
    Poll.until(
        refused.retryAfter().plusMillis(500),
        "the window to slide",
        () -> limiter.acquire(subject, limit, 1).allowed());
  }

  @Test
  void chargeAndAppendAppendsExactlyWhatWasPaidFor() {
    RedisRateLimiter redisLimiter = (RedisRateLimiter) limiter;
    RateLimit limit = new RateLimit("it", 3, Duration.ofMinutes(5));
    String subject = UUID.randomUUID().toString();
    String stream = "it:charged:" + subject;
    var two = new RedisRateLimiter.Charge(subject, limit, stream, "e", List.of("a", "b"));
    assertTrue(
        RedisRateLimiter.decision(redisLimiter.chargeAndAppend(client, two), limit).allowed());
    RateLimiter.Decision refused =
        RedisRateLimiter.decision(redisLimiter.chargeAndAppend(client, two), limit);
    assertFalse(refused.allowed(), "2 more do not fit in 1");
    assertEquals(2, client.xlen(stream), "the refused pair was not appended");
    var one = new RedisRateLimiter.Charge(subject, limit, stream, "e", List.of("c"));
    assertTrue(
        RedisRateLimiter.decision(redisLimiter.chargeAndAppend(client, one), limit).allowed());
    assertEquals(3, client.xlen(stream));
    client.del(stream);
  }

  @Test
  void costsAreAllOrNothingAndSubjectsIndependent() {
    RateLimit limit = new RateLimit("it", 10, Duration.ofMinutes(5));
    String subject = UUID.randomUUID().toString();
    assertTrue(limiter.acquire(subject, limit, 7).allowed());
    assertFalse(limiter.acquire(subject, limit, 4).allowed(), "4 more do not fit in 3");
    RateLimiter.Decision three = limiter.acquire(subject, limit, 3);
    assertTrue(three.allowed(), "the refused 4 took nothing");
    assertEquals(0, three.remaining());
    assertTrue(
        limiter.acquire(UUID.randomUUID().toString(), limit, 10).allowed(),
        "another subject has its own window");
    assertEquals(
        Duration.ofMinutes(5),
        limiter.acquire(subject, limit, 11).retryAfter(),
        "a cost above the limit never fits");
  }
}
