package dev.pulse.domain.metric;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * LatestValues keeps the newest sample of every series where reads are cheap. The newest timestamp
 * wins: offering an older sample (a redelivery, a late batch) never moves a series back.
 */
public interface LatestValues {

  record Latest(
      String project, String name, Map<String, String> tags, double value, Instant timestamp) {}

  void offer(List<Latest> samples);

  /** The latest value of each series of the project named {@code name}. */
  List<Latest> find(String project, String name);
}
