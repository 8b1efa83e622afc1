package dev.pulse.domain.alert;

import java.time.Instant;

/**
 * AlertState is where one fingerprint stands: {@code since} is when it became pending or firing,
 * {@code lastActiveAt} the last evaluation that found the condition true (for {@code
 * keep_firing_for}).
 */
public record AlertState(Phase phase, Instant since, Instant lastActiveAt) {

  public enum Phase {
    INACTIVE,
    PENDING,
    FIRING
  }

  public static final AlertState INACTIVE = new AlertState(Phase.INACTIVE, null, null);

  public boolean isOpen() {
    return phase != Phase.INACTIVE;
  }
}
