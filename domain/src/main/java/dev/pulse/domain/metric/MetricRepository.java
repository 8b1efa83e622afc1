package dev.pulse.domain.metric;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * MetricRepository reads stored samples and rollups. A series is (project, name, tags); reads take
 * series ids found with {@link #findSeries}, so they never cross projects.
 */
public interface MetricRepository {

  record Series(long id, String name, Map<String, String> tags) {}

  record RawPoint(long seriesId, Instant t, double value) {}

  record Bucket(long seriesId, Instant start, MetricSummary summary) {}

  record Sample(
      UUID id,
      String name,
      Map<String, String> tags,
      double value,
      Instant timestamp,
      Instant receivedAt) {}

  record Name(String name, List<String> tagKeys) {}

  /** The project's series named {@code name} whose tags include all of {@code tags}. */
  List<Series> findSeries(String project, String name, Map<String, String> tags, int limit);

  /** The most raw samples any of the series has in the range, counting no further than cap. */
  long maxRawPerSeries(List<Long> series, Instant from, Instant to, int cap);

  /** Raw samples in the range ordered by series and time, at most {@code limit}. */
  List<RawPoint> raw(List<Long> series, Instant from, Instant to, int limit);

  /** Rollup buckets of {@code step} starting in the range, ordered by series and start. */
  List<Bucket> buckets(List<Long> series, Step step, Instant from, Instant to);

  /** Per series, the summary of its raw samples in the range (series without any are absent). */
  Map<Long, MetricSummary> summarizeRaw(List<Long> series, Instant from, Instant to);

  /** Per series, the merged buckets of {@code step} that start in the range. */
  Map<Long, MetricSummary> summarizeBuckets(List<Long> series, Step step, Instant from, Instant to);

  Optional<Sample> findSample(String project, UUID id);

  /** Metric names of the project starting with {@code prefix}, with the tag keys seen on them. */
  List<Name> names(String project, String prefix, int limit);

  /** Every sample persisted before this instant is in the rollups (null before the first pass). */
  Instant rolledUpTo();
}
