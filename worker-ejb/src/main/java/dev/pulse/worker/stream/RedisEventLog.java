package dev.pulse.worker.stream;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.worker.ratelimit.RedisRateLimiter;
import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.XAddParams;

/**
 * RedisEventLog is the {@link EventLog} on a Redis stream, the writing side. Each entry holds one
 * event as canonical JSON in the field {@code e}, or one metric sample in the field {@code m}.
 * Events: {@code {"id","project","type","source",
 * "occurred_at","received_at","value","tags","payload"}} — the column names of the events table, so
 * the worker hands entries to PostgreSQL without re-encoding them.
 */
@ApplicationScoped
public class RedisEventLog implements EventLog {

  static final String EVENT_FIELD = "e";

  /**
   * The field of an entry holding a metric sample: {@code
   * {"id","project","name","tags","value","ts","received_at"}}.
   */
  static final String SAMPLE_FIELD = "m";

  private static final RateLimiter.Decision UNLIMITED = RateLimiter.Decision.allow(Long.MAX_VALUE);

  @Inject Redis redis;
  @Inject RedisRateLimiter limiter;
  @Inject ConsumerGroup group;
  @Inject StreamConfig config;

  /**
   * Appends the batches in one pipelined round trip; a batch with a quota is charged and appended
   * by one script call. When this returns, Redis has written every appended entry (to its AOF too,
   * under the configured fsync policy).
   */
  @Override
  @SuppressWarnings("unchecked")
  public List<RateLimiter.Decision> append(List<Batch> batches) {
    String key = config.streamKey();
    return redis.call(
        "xadd_pipeline",
        jedis -> {
          List<Object> replies = new ArrayList<>(batches.size());
          try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (Batch batch : batches) {
              if (batch.quota() == null) {
                List<Response<StreamEntryID>> ids = new ArrayList<>(batch.entries().size());
                for (String json : batch.entries()) {
                  ids.add(
                      pipeline.xadd(
                          key, XAddParams.xAddParams(), Map.of(fieldOf(batch.kind()), json)));
                }
                replies.add(ids);
              } else {
                replies.add(limiter.chargeAndAppend(pipeline, charge(batch)));
              }
            }
            pipeline.sync();
          }
          List<RateLimiter.Decision> decisions = new ArrayList<>(batches.size());
          for (int i = 0; i < batches.size(); i++) {
            Batch batch = batches.get(i);
            if (batch.quota() == null) {
              // throws if Redis refused one
              ((List<Response<StreamEntryID>>) replies.get(i)).forEach(Response::get);
              decisions.add(UNLIMITED);
              continue;
            }
            Object reply;
            try {
              reply = ((Response<Object>) replies.get(i)).get();
            } catch (JedisNoScriptException notLoaded) {
              // Redis restarted since the script was last loaded: nothing ran, so run it again.
              reply = limiter.chargeAndAppend(jedis, charge(batch));
            }
            decisions.add(RedisRateLimiter.decision(reply, batch.quota().limit()));
          }
          return decisions;
        });
  }

  private RedisRateLimiter.Charge charge(Batch batch) {
    return new RedisRateLimiter.Charge(
        batch.quota().subject(),
        batch.quota().limit(),
        config.streamKey(),
        fieldOf(batch.kind()),
        batch.entries());
  }

  static String fieldOf(Kind kind) {
    return kind == Kind.SAMPLE ? SAMPLE_FIELD : EVENT_FIELD;
  }

  @Override
  public Backlog backlog() {
    return group.backlog();
  }

  @Override
  public boolean isReachable() {
    return redis.isReachable();
  }
}
