package dev.pulse.domain.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Flapping decides when a fingerprint changes state too often to notify each change: {@code flips}
 * state changes within {@code window} mark it flapping; it stays flapping until it has not changed
 * for {@code stableFor}. Defaults: 6 changes in 10 minutes, stable after 10 minutes.
 */
public record Flapping(int flips, Duration window, Duration stableFor) {

  public static Flapping standard() {
    return new Flapping(6, Duration.ofMinutes(10), Duration.ofMinutes(10));
  }

  /** The change times still inside the window, after recording one at {@code now}. */
  public List<Instant> record(List<Instant> changes, Instant now) {
    List<Instant> kept = new ArrayList<>(recent(changes, now));
    kept.add(now);
    return kept;
  }

  public List<Instant> recent(List<Instant> changes, Instant now) {
    Instant since = now.minus(window);
    return changes.stream().filter(t -> t.isAfter(since)).toList();
  }

  /** Whether a fingerprint with these change times is flapping now (given whether it was). */
  public boolean isFlapping(boolean wasFlapping, List<Instant> changes, Instant now) {
    if (recent(changes, now).size() >= flips) {
      return true;
    }
    if (!wasFlapping || changes.isEmpty()) {
      return false;
    }
    Instant last = changes.get(changes.size() - 1);
    return Duration.between(last, now).compareTo(stableFor) < 0;
  }
}
