package dev.pulse.domain.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Grouping batches a channel's notifications as Alertmanager's route does: alerts with the same
 * values of the {@code by} labels form one group, announced {@code groupWait} after its first
 * alert, then at most every {@code groupInterval} with what changed, and again every {@code
 * repeatInterval} while anything still fires. {@code by = []} puts every alert in one group; {@code
 * ["..."]} groups by all labels, one group per alert.
 */
public record Grouping(
    List<String> by, Duration groupWait, Duration groupInterval, Duration repeatInterval) {

  public static final String ALL_LABELS = "...";
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_REPEAT = Duration.ofHours(4);

  public Grouping {
    by = List.copyOf(by);
    groupWait = groupWait == null ? DEFAULT_WAIT : groupWait;
    groupInterval = groupInterval == null ? DEFAULT_INTERVAL : groupInterval;
    repeatInterval = repeatInterval == null ? DEFAULT_REPEAT : repeatInterval;
  }

  /** The labels that name an alert's group: its values of {@code by}, or all of them. */
  public Map<String, String> groupLabels(Map<String, String> alertLabels) {
    Map<String, String> out = new TreeMap<>();
    if (by.contains(ALL_LABELS)) {
      out.putAll(alertLabels);
      return out;
    }
    for (String label : by) {
      String value = alertLabels.get(label);
      if (value != null) {
        out.put(label, value);
      }
    }
    return out;
  }
}
