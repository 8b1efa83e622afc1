package dev.pulse.worker.alerting;

import dev.pulse.domain.alert.AlertState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** StateRow is a fingerprint's row of {@code alert_states}: its state, open alert and flips. */
public record StateRow(
    String fingerprint, AlertState state, UUID alertId, List<Instant> changes, boolean flapping) {

  public static StateRow inactive(String fingerprint) {
    return new StateRow(fingerprint, AlertState.INACTIVE, null, List.of(), false);
  }
}
