package dev.pulse.domain.notify;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Channel is where a project's notifications go: a webhook URL, with headers sent on every POST and
 * an optional secret that signs the body. Header values and the secret are never shown again.
 */
public record Channel(
    UUID id,
    String project,
    String name,
    String type,
    String url,
    Map<String, String> headers,
    String secret,
    Instant createdAt,
    Instant updatedAt) {}
