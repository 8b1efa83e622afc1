package dev.pulse.worker.alerting;

import java.time.Instant;
import java.util.UUID;

/**
 * AlertChange is one committed transition, as published on the project's Redis channel for the live
 * gateway: which alert, from which state to which, when, with what value and why.
 */
public record AlertChange(
    String project,
    UUID alertId,
    UUID ruleId,
    String fingerprint,
    String from,
    String to,
    Double value,
    Instant at,
    String cause) {}
