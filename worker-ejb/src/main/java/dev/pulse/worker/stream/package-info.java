/**
 * The event stream in Redis: appending to it ({@link dev.pulse.worker.stream.RedisEventLog}), the
 * consumer group's reads, claims and acks ({@link dev.pulse.worker.stream.ConsumerGroup}), the
 * consumer loops that persist what they read, and the dead-letter stream for records the database
 * keeps refusing.
 */
package dev.pulse.worker.stream;
