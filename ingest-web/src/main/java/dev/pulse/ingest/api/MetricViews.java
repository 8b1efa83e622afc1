package dev.pulse.ingest.api;

import dev.pulse.domain.metric.MetricRepository;
import dev.pulse.domain.metric.MetricSummary;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** MetricViews are the bodies the metrics API answers with. */
public final class MetricViews {

  private MetricViews() {}

  /** A stored sample. */
  @Schema(name = "MetricSample")
  @JsonbPropertyOrder({"id", "name", "value", "tags", "timestamp", "receivedAt"})
  public record SampleView(
      UUID id,
      String name,
      double value,
      Map<String, String> tags,
      @Schema(format = "date-time") Instant timestamp,
      @JsonbProperty("received_at") @Schema(format = "date-time") Instant receivedAt) {

    static SampleView of(MetricRepository.Sample s) {
      return new SampleView(s.id(), s.name(), s.value(), s.tags(), s.timestamp(), s.receivedAt());
    }
  }

  /** A raw point of a series. */
  @Schema(name = "RawPoint")
  @JsonbPropertyOrder({"t", "value"})
  public record RawPoint(@Schema(format = "date-time") Instant t, double value) {}

  /** A rollup bucket of a series; {@code t} is the bucket's start. */
  @Schema(name = "BucketPoint")
  @JsonbPropertyOrder({"t", "count", "sum", "min", "max", "avg", "p95"})
  public record BucketPoint(
      @Schema(format = "date-time") Instant t,
      long count,
      double sum,
      double min,
      double max,
      double avg,
      @Schema(description = "within 1 % of the true 95th percentile") double p95) {

    static BucketPoint of(Instant t, MetricSummary s) {
      return new BucketPoint(t, s.count(), s.sum(), s.min(), s.max(), s.avg(), s.quantile(0.95));
    }
  }

  /** One series and its points: RawPoint items for step raw, BucketPoint items otherwise. */
  @Schema(name = "MetricSeries")
  @JsonbPropertyOrder({"name", "tags", "points"})
  public record SeriesView(String name, Map<String, String> tags, List<Object> points) {}

  @Schema(name = "MetricSeriesPage")
  @JsonbPropertyOrder({"step", "series"})
  public record Range(
      @Schema(enumeration = {"raw", "1m", "5m", "1h"}) String step, List<SeriesView> series) {}

  /** Figures over a range; all but count are null when no sample fell in it. */
  @Schema(name = "MetricFigures")
  @JsonbPropertyOrder({"key", "count", "sum", "min", "max", "avg", "p50", "p95", "p99"})
  public record Figures(
      @JsonbNillable @Schema(description = "the group's tag value (group_by only)") String key,
      long count,
      @JsonbNillable Double sum,
      @JsonbNillable Double min,
      @JsonbNillable Double max,
      @JsonbNillable Double avg,
      @JsonbNillable Double p50,
      @JsonbNillable Double p95,
      @JsonbNillable Double p99) {

    static Figures of(String key, MetricSummary s) {
      if (s.isEmpty()) {
        return new Figures(key, 0, null, null, null, null, null, null, null);
      }
      return new Figures(
          key,
          s.count(),
          s.sum(),
          s.min(),
          s.max(),
          s.avg(),
          s.quantile(0.5),
          s.quantile(0.95),
          s.quantile(0.99));
    }
  }

  /** An aggregate over all matching series. */
  @Schema(name = "MetricAggregate")
  @JsonbPropertyOrder({
    "name", "from", "to", "count", "sum", "min", "max", "avg", "p50", "p95", "p99"
  })
  public record Aggregate(
      String name,
      @Schema(format = "date-time") Instant from,
      @Schema(format = "date-time") Instant to,
      long count,
      @JsonbNillable Double sum,
      @JsonbNillable Double min,
      @JsonbNillable Double max,
      @JsonbNillable Double avg,
      @JsonbNillable Double p50,
      @JsonbNillable Double p95,
      @JsonbNillable Double p99) {

    static Aggregate of(String name, Instant from, Instant to, Figures f) {
      return new Aggregate(
          name, from, to, f.count(), f.sum(), f.min(), f.max(), f.avg(), f.p50(), f.p95(), f.p99());
    }
  }

  /** An aggregate per value of the {@code group_by} tag. */
  @Schema(name = "MetricGroupedAggregate")
  @JsonbPropertyOrder({"name", "from", "to", "groups"})
  public record Grouped(
      String name,
      @Schema(format = "date-time") Instant from,
      @Schema(format = "date-time") Instant to,
      List<Figures> groups) {}

  @Schema(name = "LatestValue")
  @JsonbPropertyOrder({"name", "tags", "value", "timestamp"})
  public record Latest(
      String name,
      Map<String, String> tags,
      double value,
      @Schema(format = "date-time") Instant timestamp) {}

  @Schema(name = "LatestValues")
  public record LatestList(List<Latest> series) {}

  @Schema(name = "MetricName")
  public record NameView(String name, @JsonbProperty("tag_keys") List<String> tagKeys) {}

  @Schema(name = "MetricNames")
  public record Names(List<NameView> names) {}
}
