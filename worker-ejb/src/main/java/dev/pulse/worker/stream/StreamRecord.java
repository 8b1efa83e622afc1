package dev.pulse.worker.stream;

import dev.pulse.domain.event.EventLog;
import redis.clients.jedis.StreamEntryID;

/**
 * StreamRecord is one entry read from the stream: its stream id, what it holds, and the canonical
 * JSON (see {@link RedisEventLog}), or a null json when the entry has no known field (a poison
 * record).
 */
public record StreamRecord(StreamEntryID streamId, EventLog.Kind kind, String json) {

  /** The field the entry keeps its JSON in. */
  public String field() {
    return RedisEventLog.fieldOf(kind);
  }
}
