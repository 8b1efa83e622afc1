package dev.pulse.worker.metric;

import java.util.List;

/** SampleSink stores metric samples: the port the stream side persists them through. */
public interface SampleSink {

  /**
   * Stores the samples and their series in one transaction, ignoring ids already stored, and marks
   * the minutes they fall in for the next rollup pass.
   *
   * @return how many were new
   * @throws dev.pulse.worker.persistence.EventSink.Refused when PostgreSQL rejects the data
   */
  int insert(List<StoredSample> samples);
}
