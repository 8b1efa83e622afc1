package dev.pulse.ingest.intake;

import java.util.UUID;

/**
 * ParsedEvent is a validated entry (an event or a metric sample): its id and the canonical JSON the
 * stream carries.
 */
public record ParsedEvent(UUID id, String json) {}
