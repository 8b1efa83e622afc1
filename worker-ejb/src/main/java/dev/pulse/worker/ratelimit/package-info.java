/**
 * The Redis side of {@link dev.pulse.domain.ratelimit.RateLimiter}: one Lua script that checks and
 * charges a sliding window atomically, shared by login throttling, ingest quotas and alerting.
 */
package dev.pulse.worker.ratelimit;
