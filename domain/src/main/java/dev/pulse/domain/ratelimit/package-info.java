/**
 * Rate limits: the limit a caller is held to and the port that enforces it. The sliding-window
 * implementation lives with the Redis adapters; login throttling, ingest quotas and alert
 * throttling all go through the same port.
 */
package dev.pulse.domain.ratelimit;
