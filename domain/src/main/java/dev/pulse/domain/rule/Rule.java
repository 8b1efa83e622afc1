package dev.pulse.domain.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Rule is a validated alert rule: which records it matches, how it aggregates them over a sliding
 * window, and when a group's value makes an alert pending, firing or resolved. Built only by {@link
 * RuleRules#parse}, so every field is consistent with its kind.
 */
public record Rule(
    UUID id,
    String project,
    String name,
    Kind kind,
    Signal signal,
    Match match,
    Aggregate aggregate,
    Duration window,
    List<String> groupBy,
    Op op,
    Double threshold,
    Double recoverThreshold,
    Change change,
    Duration forDuration,
    Duration keepFiringFor,
    NoData noData,
    Duration lookback,
    String severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<UUID> channels,
    int maxNotificationsPerMinute,
    boolean enabled,
    Instant createdAt,
    Instant updatedAt) {

  public enum Kind {
    THRESHOLD,
    CHANGE,
    ABSENCE
  }

  public enum Signal {
    EVENTS,
    METRIC
  }

  public enum Change {
    ABSOLUTE,
    PERCENT
  }

  /** What a rule does when its window holds nothing to aggregate. */
  public enum NoData {
    OK,
    ALERTING,
    KEEP
  }

  /** Which records a rule sees: every given field must equal, every given tag must be present. */
  public record Match(String type, String source, String name, Map<String, String> tags) {
    public boolean test(Observation o) {
      return (type == null || type.equals(o.type()))
          && (source == null || source.equals(o.source()))
          && (name == null || name.equals(o.name()))
          && tags.entrySet().stream().allMatch(t -> t.getValue().equals(o.tags().get(t.getKey())));
    }
  }

  public boolean matches(Observation o) {
    return enabled && project.equals(o.project()) && signal == o.signal() && match.test(o);
  }

  /**
   * The labels of the group {@code o} falls in: one per {@code group_by} field, named {@code
   * source}, {@code type}, {@code name} or the tag's key; a missing field groups as "".
   */
  public SortedMap<String, String> groupLabels(Observation o) {
    SortedMap<String, String> labels = new TreeMap<>();
    for (String field : groupBy) {
      String value = o.field(field);
      labels.put(labelOf(field), value == null ? "" : value);
    }
    return labels;
  }

  static String labelOf(String groupField) {
    return groupField.startsWith("tags.") ? groupField.substring("tags.".length()) : groupField;
  }

  /** How far back a window must keep records: two windows for a change rule, one otherwise. */
  public Duration retention() {
    return kind == Kind.CHANGE ? window.multipliedBy(2) : window;
  }

  /**
   * What identifies the data a rule's windows hold: edits that keep it (a new threshold, a new
   * name) keep the windows; edits that change it (another match or grouping) start them afresh.
   */
  public String windowIdentity() {
    return signal + "|" + match + "|" + groupBy;
  }
}
