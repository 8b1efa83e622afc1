package dev.pulse.worker.stream;

import dev.pulse.domain.event.EventLog;
import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.params.XTrimParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * ConsumerGroup is the reading side of the event stream: the group's reads, claims of idle entries,
 * acknowledgements and the trimming of what every group has acknowledged. Entries are acknowledged
 * only after the database commit (see {@link RecordPersister}).
 */
@ApplicationScoped
public class ConsumerGroup {

  @Inject Redis redis;
  @Inject StreamConfig config;

  /** Creates the consumer group (and the stream) if missing; harmless when both exist. */
  public void ensureGroup() {
    try {
      redis.call(
          "xgroup_create",
          jedis -> jedis.xgroupCreate(key(), group(), new StreamEntryID(0, 0), true));
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
            "xreadgroup",
            jedis -> jedis.xreadGroup(group(), consumer, params, Map.of(key(), from)));
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
                    key(),
                    group(),
                    consumer,
                    minIdleMs,
                    start,
                    XAutoClaimParams.xAutoClaimParams().count(count)));
    return Map.entry(reply.getKey(), toRecords(reply.getValue()));
  }

  public void ack(List<StreamEntryID> ids) {
    if (!ids.isEmpty()) {
      redis.call("xack", jedis -> jedis.xack(key(), group(), ids.toArray(StreamEntryID[]::new)));
    }
  }

  /** How many times the entry was delivered so far, or 0 when it is no longer pending. */
  public long deliveries(StreamEntryID id) {
    List<StreamPendingEntry> pending =
        redis.call(
            "xpending",
            jedis -> jedis.xpending(key(), group(), XPendingParams.xPendingParams(id, id, 1)));
    return pending.isEmpty() ? 0 : pending.get(0).getDeliveredTimes();
  }

  /**
   * Entries accepted but not yet persisted: never delivered (lag) plus delivered but not acked
   * (pending). This is what {@code PULSE_MAX_BACKLOG} bounds.
   */
  public EventLog.Backlog backlog() {
    return redis.call(
        "backlog",
        jedis -> {
          Optional<StreamGroupInfo> info;
          try {
            info =
                jedis.xinfoGroups(key()).stream()
                    .filter(g -> group().equals(g.getName()))
                    .findFirst();
          } catch (JedisDataException noStream) {
            info = Optional.empty();
          }
          if (info.isEmpty()) {
            return new EventLog.Backlog(jedis.exists(key()) ? jedis.xlen(key()) : 0, 0);
          }
          Object lag = info.get().getGroupInfo().get("lag");
          long pending = info.get().getPending();
          // Redis reports no lag when it cannot compute it cheaply; the stream length bounds it.
          long undelivered = lag instanceof Long l ? l : jedis.xlen(key());
          return new EventLog.Backlog(undelivered, pending);
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
            groups = jedis.xinfoGroups(key());
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
              StreamPendingSummary summary = jedis.xpending(key(), g.getName());
              if (summary.getMinId() != null && summary.getMinId().compareTo(oldestNeeded) < 0) {
                oldestNeeded = summary.getMinId();
              }
            }
            if (keepFrom == null || oldestNeeded.compareTo(keepFrom) < 0) {
              keepFrom = oldestNeeded;
            }
          }
          return jedis.xtrim(
              key(), XTrimParams.xTrimParams().minId(keepFrom.toString()).approximateTrimming());
        });
  }

  public String key() {
    return config.streamKey();
  }

  private String group() {
    return config.streamGroup();
  }

  private static StreamEntryID next(StreamEntryID id) {
    return new StreamEntryID(id.getTime(), id.getSequence() + 1);
  }

  private static List<StreamRecord> toRecords(List<StreamEntry> entries) {
    List<StreamRecord> records = new ArrayList<>(entries.size());
    for (StreamEntry entry : entries) {
      // A trimmed entry can still be listed as pending (fields null); it has nothing to persist.
      Map<String, String> fields = entry.getFields();
      String sample = fields == null ? null : fields.get(RedisEventLog.SAMPLE_FIELD);
      records.add(
          sample != null
              ? new StreamRecord(entry.getID(), EventLog.Kind.SAMPLE, sample)
              : new StreamRecord(
                  entry.getID(),
                  EventLog.Kind.EVENT,
                  fields == null ? null : fields.get(RedisEventLog.EVENT_FIELD)));
    }
    return records;
  }
}
