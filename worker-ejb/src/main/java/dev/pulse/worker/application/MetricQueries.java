package dev.pulse.worker.application;

import dev.pulse.domain.metric.MetricRepository;
import dev.pulse.domain.metric.MetricRepository.Bucket;
import dev.pulse.domain.metric.MetricRepository.RawPoint;
import dev.pulse.domain.metric.MetricRepository.Series;
import dev.pulse.domain.metric.MetricRules;
import dev.pulse.domain.metric.Step;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MetricQueries reads a metric's series over a range at a step: the one asked for, or the finest
 * that keeps every series within {@link MetricRules#POINTS_PER_SERIES} points. A read that would
 * return more than {@link MetricRules#MAX_POINTS} points in all is refused ({@link TooManyPoints}).
 */
@ApplicationScoped
public class MetricQueries {

  /** The read would return more points than one answer may carry. */
  public static final class TooManyPoints extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyPoints(String what) {
      super(
          "this read would return "
              + what
              + ", over the limit of "
              + MetricRules.MAX_POINTS
              + " points: narrow the range or the tags, or use a coarser step");
    }
  }

  /** One series and its points at the range's step: raw samples or rollup buckets, oldest first. */
  public record SeriesPoints(Series series, List<RawPoint> raw, List<Bucket> buckets) {}

  /** The step used and every matching series. */
  public record Range(Step step, List<SeriesPoints> series) {}

  @EJB MetricRepository store;

  /**
   * The series of {@code name} with these tags over [from, to), at {@code step} or, when it is
   * null, the finest step that fits.
   *
   * @throws TooManyPoints when the answer would be over {@link MetricRules#MAX_POINTS} points
   */
  public Range range(
      String project, String name, Map<String, String> tags, Step step, Instant from, Instant to) {
    List<Series> series = store.findSeries(project, name, tags, MetricRules.MAX_POINTS + 1);
    Step chosen = step == null ? finest(series, from, to) : checked(step, series, from, to);
    List<Long> ids = series.stream().map(Series::id).toList();
    Map<Long, List<RawPoint>> raw = new HashMap<>();
    Map<Long, List<Bucket>> buckets = new HashMap<>();
    if (chosen == Step.RAW) {
      List<RawPoint> points =
          ids.isEmpty() ? List.of() : store.raw(ids, from, to, MetricRules.MAX_POINTS + 1);
      if (points.size() > MetricRules.MAX_POINTS) {
        throw new TooManyPoints("more than " + MetricRules.MAX_POINTS + " raw samples");
      }
      points.forEach(p -> raw.computeIfAbsent(p.seriesId(), k -> new ArrayList<>()).add(p));
    } else if (!ids.isEmpty()) {
      store
          .buckets(ids, chosen, chosen.floor(from), to)
          .forEach(b -> buckets.computeIfAbsent(b.seriesId(), k -> new ArrayList<>()).add(b));
    }
    List<SeriesPoints> out = new ArrayList<>(series.size());
    for (Series s : series) {
      out.add(
          new SeriesPoints(
              s, raw.getOrDefault(s.id(), List.of()), buckets.getOrDefault(s.id(), List.of())));
    }
    return new Range(chosen, out);
  }

  private static Step checked(Step step, List<Series> series, Instant from, Instant to) {
    if (step.isRollup() && step.bucketsIn(from, to) * series.size() > MetricRules.MAX_POINTS) {
      throw new TooManyPoints(series.size() + " series x " + step.bucketsIn(from, to) + " buckets");
    }
    return step;
  }

  private Step finest(List<Series> series, Instant from, Instant to) {
    long raw =
        series.isEmpty()
            ? 0
            : store.maxRawPerSeries(
                series.stream().map(Series::id).toList(), from, to, MetricRules.POINTS_PER_SERIES);
    return MetricRules.finestStep(from, to, series.size(), raw)
        .orElseThrow(() -> new TooManyPoints(series.size() + " series even at step 1h"));
  }
}
