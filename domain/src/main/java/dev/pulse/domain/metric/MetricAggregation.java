package dev.pulse.domain.metric;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MetricAggregation answers "count, sum, min, max and quantiles of these series over a range" from
 * the pieces of a {@link RangePlan}: merged rollup buckets where whole buckets fit, raw samples at
 * the edges. Count, sum, min, max and avg are exact; quantiles are within the sketch's accuracy.
 */
public final class MetricAggregation {

  private MetricAggregation() {}

  /** Per series id, the summary of its samples in {@code [from, to)}. */
  public static Map<Long, MetricSummary> bySeries(
      MetricRepository store, List<Long> series, Instant from, Instant to) {
    Map<Long, MetricSummary> result = new HashMap<>();
    if (series.isEmpty()) {
      return result;
    }
    for (RangePlan.Piece piece : RangePlan.of(from, to, store.rolledUpTo())) {
      Map<Long, MetricSummary> part =
          piece.step() == Step.RAW
              ? store.summarizeRaw(series, piece.from(), piece.to())
              : store.summarizeBuckets(series, piece.step(), piece.from(), piece.to());
      part.forEach((id, s) -> result.computeIfAbsent(id, k -> new MetricSummary()).merge(s));
    }
    return result;
  }
}
