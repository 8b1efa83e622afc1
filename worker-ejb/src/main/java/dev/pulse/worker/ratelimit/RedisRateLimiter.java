package dev.pulse.worker.ratelimit;

import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.worker.redis.LuaScript;
import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * RedisRateLimiter enforces {@link RateLimit}s with {@code sliding-window.lua}: each call is one
 * EVALSHA that reads, decides and charges in a single atomic step, so concurrent callers on any
 * number of nodes can never overshoot a limit together. State expires after two windows.
 */
@ApplicationScoped
public class RedisRateLimiter implements RateLimiter {

  static final String KEY_PREFIX = "pulse:ratelimit:";
  private static final LuaScript SCRIPT =
      LuaScript.of(RedisRateLimiter.class, "sliding-window.lua");

  @Inject Redis redis;

  /** For CDI. */
  public RedisRateLimiter() {}

  /** For use outside the container (tests, tools). */
  public RedisRateLimiter(Redis redis) {
    this.redis = redis;
  }

  @Override
  public Decision acquire(String subject, RateLimit limit, long cost) {
    List<String> keys = List.of(KEY_PREFIX + limit.name() + ":" + subject);
    List<String> args =
        List.of(
            Long.toString(limit.window().toMillis()),
            Long.toString(limit.limit()),
            Long.toString(cost));
    Object reply;
    try {
      reply = redis.call("evalsha", r -> r.evalsha(SCRIPT.sha(), keys, args));
    } catch (JedisNoScriptException e) {
      // First call since Redis started (or after SCRIPT FLUSH): EVAL loads the script as well.
      reply = redis.call("eval", r -> r.eval(SCRIPT.source(), keys, args));
    }
    return decision(reply, limit);
  }

  /**
   * Queues on {@code pipeline} one call that charges {@code entries.size()} units to the subject
   * and, only if that is allowed, appends the entries to {@code stream} (field {@code field}), all
   * atomically: events are never appended unpaid nor charged unappended. Read the reply with {@link
   * #decision}; a {@link JedisNoScriptException} from it means nothing ran, and {@link
   * #chargeAndAppend(UnifiedJedis, Charge)} may simply be called again.
   */
  public Response<Object> chargeAndAppend(AbstractPipeline pipeline, Charge charge) {
    return pipeline.evalsha(SCRIPT.sha(), charge.keys(), charge.args());
  }

  /** The same as one round trip of its own, loading the script into Redis. */
  public Object chargeAndAppend(UnifiedJedis jedis, Charge charge) {
    return jedis.eval(SCRIPT.source(), charge.keys(), charge.args());
  }

  /** A charge of some stream entries to a subject's limit, to be appended if it is allowed. */
  public record Charge(
      String subject, RateLimit limit, String stream, String field, List<String> entries) {
    List<String> keys() {
      return List.of(KEY_PREFIX + limit.name() + ":" + subject, stream);
    }

    List<String> args() {
      List<String> args = new ArrayList<>(entries.size() + 4);
      args.add(Long.toString(limit.window().toMillis()));
      args.add(Long.toString(limit.limit()));
      args.add(Integer.toString(entries.size()));
      args.add(field);
      args.addAll(entries);
      return args;
    }
  }

  /** Reads a reply of the script as a decision about {@code limit}. */
  public static Decision decision(Object reply, RateLimit limit) {
    List<?> result = (List<?>) reply;
    boolean allowed = ((Long) result.get(0)) == 1L;
    long remaining = (Long) result.get(1);
    long retryMs = (Long) result.get(2);
    if (allowed) {
      return Decision.allow(remaining);
    }
    // -1: the cost is larger than the whole limit and will never fit; a full window is the honest
    // wait.
    return Decision.deny(retryMs < 0 ? limit.window() : Duration.ofMillis(retryMs));
  }
}
