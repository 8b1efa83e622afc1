/**
 * The application's one Redis client, pooled and timed per command. Every Redis interaction of the
 * EAR (the event stream, rate limits) goes through {@link dev.pulse.worker.redis.Redis#call}.
 */
package dev.pulse.worker.redis;
