package dev.pulse.worker.stream;

import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.ratelimit.RateLimiter;
import dev.pulse.worker.ratelimit.RedisSlidingWindowLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.Response;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * EventStream is the Redis stream between ingestion and persistence. Each entry holds one event as
 * canonical JSON in the field {@code e}: {@code {"id","project","type","source","occurred_at",
 * "received_at","value","tags","payload"}} — the column names of the events table, so the worker
 * hands entries to PostgreSQL without re-encoding them.
 */
@ApplicationScoped
public class EventStream {

  static final String EVENT_FIELD = "e";
  private static final RateLimiter.Decision UNLIMITED = RateLimiter.Decision.allow(Long.MAX_VALUE);

  @Inject Redis redis;
  @Inject RedisSlidingWindowLimiter limiter;

  @Inject
  @ConfigProperty(name = "pulse.stream.key")
  String key;

  @Inject
  @ConfigProperty(name = "pulse.stream.group")
  String group;

  @Inject
  @ConfigProperty(name = "pulse.stream.dead-letter-key")
  String deadLetterKey;

  /** One request's events, and the quota they must fit (null for none). */
  public record Batch(List<String> events, Quota quota) {}

  /**
   * A rate limit and whose it is: the events are charged to {@code subject} under {@code limit}.
   */
  public record Quota(String subject, RateLimit limit) {}

  /**
   * Appends the batches in one pipelined round trip. A batch with a quota is charged and appended
   * by one script call, and only if it fits; the others are appended as they are. When this
   * returns, Redis has written every appended entry (to its AOF too, under the configured fsync
   * policy); when it throws, the caller must not report success for any batch.
   *
   * @return per batch, the quota's decision (an allowance for batches without a quota)
   */
  @SuppressWarnings("unchecked")
  public List<RateLimiter.Decision> append(List<Batch> batches) {
    return redis.call(
        "xadd_pipeline",
        jedis -> {
          List<Object> replies = new ArrayList<>(batches.size());
          try (AbstractPipeline pipeline = jedis.pipelined()) {
            for (Batch batch : batches) {
              if (batch.quota() == null) {
                List<Response<StreamEntryID>> ids = new ArrayList<>(batch.events().size());
                for (String json : batch.events()) {
                  ids.add(pipeline.xadd(key, XAddParams.xAddParams(), Map.of(EVENT_FIELD, json)));
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
              ((List<Response<StreamEntryID>>) replies.get(i))
                  .forEach(Response::get); // throws if Redis refused one
              decisions.add(UNLIMITED);
              continue;
            }
            Object reply;
            try {
              reply = ((Response<Object>) replies.get(i)).get();
            } catch (JedisNoScriptException notLoaded) {
              // Redis restarted since the script was last loaded: nothing ran, so run it again with
              // EVAL.
              reply = limiter.chargeAndAppend(jedis, charge(batch));
            }
            decisions.add(RedisSlidingWindowLimiter.decision(reply, batch.quota().limit()));
          }
          return decisions;
        });
  }

  private RedisSlidingWindowLimiter.Charge charge(Batch batch) {
    return new RedisSlidingWindowLimiter.Charge(
        batch.quota().subject(), batch.quota().limit(), key, EVENT_FIELD, batch.events());
  }

  /** Creates the consumer group (and the stream) if missing; harmless when both exist. */
  public void ensureGroup() {
    try {
      redis.call(
          "xgroup_create", jedis -> jedis.xgroupCreate(key, group, new StreamEntryID(0, 0), true));
    } catch (JedisDataException e) {
      if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
        throw e;
      }
    }
  }

  /** Reads entries never delivered before, waiting up to {@code blockMs} when there are none. */
  public List<StreamRecord> readNew(String consumer, int count, int blockMs) {
    XReadGroupParams params =
        XReadGroupParams.xReadGroupParams().count(count).block(Math.max(1, blockMs));
    return read(consumer, params, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
  }

  /**
   * Reads {@code consumer}'s own pending entries with ids above {@code after} (recovery after a
   * restart); the caller moves {@code after} forward so each entry is re-read once.
   */
  public List<StreamRecord> readOwnPending(String consumer, StreamEntryID after, int count) {
    return read(consumer, XReadGroupParams.xReadGroupParams().count(count), after);
  }

  private List<StreamRecord> read(String consumer, XReadGroupParams params, StreamEntryID from) {
    var reply =
        redis.call(
            "xreadgroup", jedis -> jedis.xreadGroup(group, consumer, params, Map.of(key, from)));
    if (reply == null || reply.isEmpty()) {
      return List.of();
    }
    return toRecords(reply.get(0).getValue());
  }

  /**
   * Moves entries idle for at least {@code minIdleMs} — of dead consumers, or ones this consumer
   * could not persist — to {@code consumer}. Returns them and the cursor to continue from.
   */
  public Map.Entry<StreamEntryID, List<StreamRecord>> claimIdle(
      String consumer, long minIdleMs, StreamEntryID start, int count) {
    var reply =
        redis.call(
            "xautoclaim",
            jedis ->
                jedis.xautoclaim(
                    key,
                    group,
                    consumer,
                    minIdleMs,
                    start,
                    XAutoClaimParams.xAutoClaimParams().count(count)));
    return Map.entry(reply.getKey(), toRecords(reply.getValue()));
  }

  public void ack(List<StreamEntryID> ids) {
    if (!ids.isEmpty()) {
      redis.call("xack", jedis -> jedis.xack(key, group, ids.toArray(StreamEntryID[]::new)));
    }
  }

  /** How many times the entry was delivered so far, or 0 when it is no longer pending. */
  public long deliveries(StreamEntryID id) {
    List<StreamPendingEntry> pending =
        redis.call(
            "xpending",
            jedis -> jedis.xpending(key, group, XPendingParams.xPendingParams(id, id, 1)));
    return pending.isEmpty() ? 0 : pending.get(0).getDeliveredTimes();
  }

  /** Moves a record to the dead-letter stream with its reason and acks it, atomically. */
  public void deadLetter(StreamRecord record, String reason) {
    redis.call(
        "dead_letter",
        jedis -> {
          try (AbstractTransaction tx = jedis.multi()) {
            tx.xadd(
                deadLetterKey,
                XAddParams.xAddParams(),
                Map.of(
                    "stream_id",
                    record.streamId().toString(),
                    "reason",
                    reason,
                    EVENT_FIELD,
                    record.json() == null ? "" : record.json()));
            tx.xack(key, group, record.streamId());
            tx.exec();
          }
          return null;
        });
  }

  /**
   * Entries accepted but not yet persisted: never delivered (lag) plus delivered but not acked
   * (pending). This is what {@code PULSE_MAX_BACKLOG} bounds.
   */
  public Backlog backlog() {
    return redis.call(
        "backlog",
        jedis -> {
          Optional<StreamGroupInfo> info;
          try {
            info =
                jedis.xinfoGroups(key).stream().filter(g -> group.equals(g.getName())).findFirst();
          } catch (JedisDataException noStream) {
            info = Optional.empty();
          }
          if (info.isEmpty()) {
            return new Backlog(jedis.exists(key) ? jedis.xlen(key) : 0, 0);
          }
          Object lag = info.get().getGroupInfo().get("lag");
          long pending = info.get().getPending();
          // Redis reports no lag when it cannot compute it cheaply; the stream length bounds it.
          long undelivered = lag instanceof Long l ? l : jedis.xlen(key);
          return new Backlog(undelivered, pending);
        });
  }

  /**
   * Trims entries that every consumer group has acknowledged: everything below the oldest entry
   * still pending or not yet delivered in any group. Returns how many entries were removed.
   */
  public long trimAcknowledged() {
    return redis.call(
        "trim",
        jedis -> {
          List<StreamGroupInfo> groups;
          try {
            groups = jedis.xinfoGroups(key);
          } catch (JedisDataException noStream) {
            return 0L;
          }
          if (groups.isEmpty()) {
            return 0L;
          }
          StreamEntryID keepFrom = null;
          for (StreamGroupInfo g : groups) {
            StreamEntryID oldestNeeded = next(g.getLastDeliveredId());
            if (g.getPending() > 0) {
              StreamPendingSummary summary = jedis.xpending(key, g.getName());
              if (summary.getMinId() != null && summary.getMinId().compareTo(oldestNeeded) < 0) {
                oldestNeeded = summary.getMinId();
              }
            }
            if (keepFrom == null || oldestNeeded.compareTo(keepFrom) < 0) {
              keepFrom = oldestNeeded;
            }
          }
          return jedis.xtrim(
              key, XTrimParams.xTrimParams().minId(keepFrom.toString()).approximateTrimming());
        });
  }

  public String key() {
    return key;
  }

  public long deadLetterCount() {
    return redis.call(
        "xlen", jedis -> jedis.exists(deadLetterKey) ? jedis.xlen(deadLetterKey) : 0L);
  }

  private static StreamEntryID next(StreamEntryID id) {
    return new StreamEntryID(id.getTime(), id.getSequence() + 1);
  }

  private static List<StreamRecord> toRecords(List<StreamEntry> entries) {
    List<StreamRecord> records = new ArrayList<>(entries.size());
    for (StreamEntry entry : entries) {
      // A trimmed entry can still be listed as pending (fields null); it has nothing to persist.
      Map<String, String> fields = entry.getFields();
      records.add(new StreamRecord(entry.getID(), fields == null ? null : fields.get(EVENT_FIELD)));
    }
    return records;
  }

  /** Un-persisted entries of the stream: never delivered, and delivered but not acknowledged. */
  public record Backlog(long undelivered, long pending) {
    public long total() {
      return undelivered + pending;
    }
  }
}
