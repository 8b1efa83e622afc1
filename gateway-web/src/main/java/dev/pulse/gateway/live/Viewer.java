package dev.pulse.gateway.live;

import java.time.Instant;
import java.util.UUID;

/** Viewer is who a socket belongs to: the user of a verified access token, and when it expires. */
public record Viewer(UUID user, Instant expiresAt) {}
