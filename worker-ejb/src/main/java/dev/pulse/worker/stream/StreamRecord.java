package dev.pulse.worker.stream;

import redis.clients.jedis.StreamEntryID;

/**
 * StreamRecord is one entry read from the event stream: its stream id and the event's canonical
 * JSON (see {@link RedisEventLog}), or null when the entry has no event field (a poison record).
 */
public record StreamRecord(StreamEntryID streamId, String json) {}
