/**
 * Delivery of notifications to channels: the outbox and its dispatcher, the {@code
 * NotificationChannel} port with its webhook, Slack and email senders, per-channel grouping, the
 * shared circuit breaker with fallbacks, the rate limits and digests, and the network guard.
 */
package dev.pulse.worker.notify;
