package dev.pulse.worker.stream;

import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.params.XAddParams;

/**
 * DeadLetters is the stream where records the database keeps refusing end up, each with its reason
 * and its original entry id, for an operator to inspect and replay.
 */
@ApplicationScoped
public class DeadLetters {

  @Inject Redis redis;
  @Inject StreamConfig config;

  /** Moves a record to the dead-letter stream with its reason and acks it, atomically. */
  public void deadLetter(StreamRecord record, String reason) {
    redis.call(
        "dead_letter",
        jedis -> {
          try (AbstractTransaction tx = jedis.multi()) {
            tx.xadd(
                config.deadLetterKey(),
                XAddParams.xAddParams(),
                Map.of(
                    "stream_id",
                    record.streamId().toString(),
                    "reason",
                    reason,
                    record.field(),
                    record.json() == null ? "" : record.json()));
            tx.xack(config.streamKey(), config.streamGroup(), record.streamId());
            tx.exec();
          }
          return null;
        });
  }

  public long count() {
    String key = config.deadLetterKey();
    return redis.call("xlen", jedis -> jedis.exists(key) ? jedis.xlen(key) : 0L);
  }
}
