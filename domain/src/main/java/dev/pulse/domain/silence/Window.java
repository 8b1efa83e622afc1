package dev.pulse.domain.silence;

import java.time.Instant;
import java.util.Objects;

/**
 * Window is a span of real time, {@code startsAt} inclusive to {@code endsAt} exclusive, during
 * which a silence mutes.
 */
public record Window(Instant startsAt, Instant endsAt) {

  public Window {
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    if (!startsAt.isBefore(endsAt)) {
      throw new IllegalArgumentException(
          "a window ends after it starts: " + startsAt + ", " + endsAt);
    }
  }

  public boolean contains(Instant t) {
    return !t.isBefore(startsAt) && t.isBefore(endsAt);
  }
}
