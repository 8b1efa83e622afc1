package dev.pulse.worker.metric;

import dev.pulse.domain.metric.LatestValues;
import dev.pulse.worker.stream.RecordStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SampleStore persists the metric samples of a stream batch, then offers the newest sample of each
 * series to {@link LatestValues}. The offer comes after the commit: if it fails, the batch is not
 * acked and is delivered again — the insert then stores nothing, and the offer runs once more.
 * Newest-timestamp-wins makes the repeated offer harmless.
 */
public class SampleStore implements RecordStore {

  private final SampleSink sink;
  private final LatestValues latest;

  public SampleStore(SampleSink sink, LatestValues latest) {
    this.sink = sink;
    this.latest = latest;
  }

  @Override
  public void store(List<String> json) {
    List<StoredSample> samples = new ArrayList<>(json.size());
    json.forEach(j -> samples.add(StoredSample.parse(j)));
    sink.insert(samples);
    latest.offer(newestPerSeries(samples));
  }

  static List<LatestValues.Latest> newestPerSeries(List<StoredSample> samples) {
    Map<StoredSample.SeriesKey, StoredSample> newest = new HashMap<>();
    for (StoredSample s : samples) {
      // On a tie the later sample of the batch wins: it was sent last.
      newest.merge(s.series(), s, (a, b) -> b.ts().isBefore(a.ts()) ? a : b);
    }
    List<LatestValues.Latest> out = new ArrayList<>(newest.size());
    newest
        .values()
        .forEach(
            s ->
                out.add(
                    new LatestValues.Latest(s.project(), s.name(), s.tags(), s.value(), s.ts())));
    return out;
  }
}
