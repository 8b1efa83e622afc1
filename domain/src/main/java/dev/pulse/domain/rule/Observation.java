package dev.pulse.domain.rule;

import java.time.Instant;
import java.util.Map;

/**
 * Observation is what rules see of one stored record: an event ({@code type}, {@code source},
 * optional {@code value}) or a metric sample ({@code name}, {@code value}), with its tags and time.
 * {@code id} identifies the record within its project, so seeing it twice counts once.
 */
public record Observation(
    String project,
    Rule.Signal signal,
    String id,
    Instant at,
    String type,
    String source,
    String name,
    Map<String, String> tags,
    Double value) {

  public static Observation event(
      String project,
      String id,
      Instant at,
      String type,
      String source,
      Map<String, String> tags,
      Double value) {
    return new Observation(project, Rule.Signal.EVENTS, id, at, type, source, null, tags, value);
  }

  public static Observation sample(
      String project, String id, Instant at, String name, Map<String, String> tags, double value) {
    return new Observation(project, Rule.Signal.METRIC, id, at, null, null, name, tags, value);
  }

  /** The value of a {@code group_by} field: source, type, name or tags.&lt;key&gt;. */
  public String field(String groupField) {
    return switch (groupField) {
      case "source" -> source;
      case "type" -> type;
      case "name" -> name;
      default ->
          groupField.startsWith("tags.") ? tags.get(groupField.substring("tags.".length())) : null;
    };
  }
}
