package dev.pulse.domain.metric;

import dev.pulse.domain.event.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MetricRules holds the limits of the metrics API: sample names, batch size, and the number of
 * points one read may return. They are part of the public API (README, OpenAPI).
 */
public final class MetricRules {

  public static final int MAX_NAME_LENGTH = 200;
  public static final int MAX_BATCH_SIZE = 1000;

  /** The automatic step is the finest that gives at most this many points per series. */
  public static final int POINTS_PER_SERIES = 1000;

  /** A read that would return more points than this, over all series, is refused. */
  public static final int MAX_POINTS = 10_000;

  /** The range of a read when {@code from} and {@code to} are not given. */
  public static final Duration DEFAULT_RANGE = Duration.ofHours(1);

  private static final Pattern NAME =
      Pattern.compile("[A-Za-z0-9_.:/-]{1," + MAX_NAME_LENGTH + "}");

  private MetricRules() {}

  public static List<FieldError> checkName(String name) {
    if (name == null || name.isEmpty()) {
      return List.of(new FieldError("name", "name is required"));
    }
    if (!NAME.matcher(name).matches()) {
      return List.of(
          new FieldError(
              "name", "name must be 1-" + MAX_NAME_LENGTH + " characters of [A-Za-z0-9_.:/-]"));
    }
    return List.of();
  }

  /**
   * The finest step whose points fit {@link #POINTS_PER_SERIES} per series and {@link #MAX_POINTS}
   * in all, or empty when even hourly buckets do not.
   *
   * @param rawPerSeries the most raw samples any matching series has in the range (a caller may
   *     stop counting past {@link #POINTS_PER_SERIES})
   */
  public static Optional<Step> finestStep(Instant from, Instant to, int series, long rawPerSeries) {
    if (rawPerSeries <= POINTS_PER_SERIES && (long) series * rawPerSeries <= MAX_POINTS) {
      return Optional.of(Step.RAW);
    }
    for (Step step : Step.ROLLUPS) {
      long buckets = step.bucketsIn(from, to);
      if (buckets <= POINTS_PER_SERIES && buckets * series <= MAX_POINTS) {
        return Optional.of(step);
      }
    }
    return Optional.empty();
  }
}
