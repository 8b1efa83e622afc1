package dev.pulse.worker.notify;

import java.time.Instant;
import java.util.UUID;

/**
 * Claimed is a notification taken for one delivery attempt, leased to this sender.
 *
 * @param fallbackOf the notification this one stands in for, on a fallback channel; or null
 */
record Claimed(
    UUID id,
    String project,
    UUID alertId,
    UUID ruleId,
    UUID channelId,
    String kind,
    String payload,
    boolean admitted,
    int failedAttempts,
    Instant firstAttemptAt,
    Instant createdAt,
    UUID fallbackOf) {}
