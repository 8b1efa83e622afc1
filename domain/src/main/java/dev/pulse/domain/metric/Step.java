package dev.pulse.domain.metric;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Step is the resolution of a series read: raw samples, or rollup buckets of one minute, five
 * minutes or one hour. Buckets are aligned to the Unix epoch in UTC, so a bucket's start is a
 * multiple of its length.
 */
public enum Step {
  RAW("raw", 0),
  MINUTE("1m", 60),
  FIVE_MINUTES("5m", 300),
  HOUR("1h", 3600);

  /** The rollup levels, finest first. */
  public static final List<Step> ROLLUPS = List.of(MINUTE, FIVE_MINUTES, HOUR);

  private final String label;
  private final long seconds;

  Step(String label, long seconds) {
    this.label = label;
    this.seconds = seconds;
  }

  public String label() {
    return label;
  }

  public long seconds() {
    return seconds;
  }

  public Duration length() {
    return Duration.ofSeconds(seconds);
  }

  public boolean isRollup() {
    return seconds > 0;
  }

  /** The start of the bucket holding {@code t}. */
  public Instant floor(Instant t) {
    requireRollup();
    return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
  }

  /** The start of the first bucket that begins at or after {@code t}. */
  public Instant ceil(Instant t) {
    Instant floor = floor(t);
    return floor.equals(t) ? t : floor.plusSeconds(seconds);
  }

  /** How many buckets of this step touch {@code [from, to)}. */
  public long bucketsIn(Instant from, Instant to) {
    requireRollup();
    if (!from.isBefore(to)) {
      return 0;
    }
    return Duration.between(floor(from), ceil(to)).getSeconds() / seconds;
  }

  /** The level of the rollup table rows, by their length in seconds. */
  public static Step ofSeconds(long seconds) {
    for (Step s : values()) {
      if (s.seconds == seconds) {
        return s;
      }
    }
    throw new IllegalArgumentException("no step of " + seconds + " s");
  }

  public static Optional<Step> parse(String label) {
    for (Step s : values()) {
      if (s.label.equals(label)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  private void requireRollup() {
    if (!isRollup()) {
      throw new IllegalStateException("raw samples have no buckets");
    }
  }
}
