package dev.pulse.ingest.alerting;

import dev.pulse.domain.rule.RuleDraft;
import dev.pulse.domain.rule.StoredRule;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * RuleViews are the bodies of the rule endpoints. A rule reads back as it was written: the fields
 * its author left out are absent, not filled with defaults.
 */
public final class RuleViews {

  private RuleViews() {}

  /** Which records a rule sees: every given field must equal, every given tag must be present. */
  @Schema(name = "RuleMatch")
  public record MatchView(
      @Schema(description = "event type (signal events)") String type,
      @Schema(description = "event source (signal events)") String source,
      @Schema(description = "metric name (signal metric)") String name,
      Map<String, String> tags) {

    static MatchView of(RuleDraft.MatchDraft m) {
      return m == null ? null : new MatchView(m.type(), m.source(), m.name(), sorted(m.tags()));
    }
  }

  /** A rule as written, with its id, project, whether it is enabled and its times. */
  @Schema(name = "Rule")
  public record RuleView(
      UUID id,
      String project,
      String name,
      @Schema(enumeration = {"threshold", "change", "absence"}) String kind,
      @Schema(enumeration = {"events", "metric"}) String signal,
      MatchView match,
      @Schema(description = "count, sum, avg, min, max, p50, p95, p99, ...") String aggregate,
      @Schema(example = "5m") String window,
      @JsonbProperty("group_by") List<String> groupBy,
      @Schema(description = ">, >=, <, <=, == or !=") String op,
      Double threshold,
      @JsonbProperty("recover_threshold") Double recoverThreshold,
      @Schema(description = "change rules: absolute or percent") String change,
      @JsonbProperty("for") @Schema(example = "1m") String forDuration,
      @JsonbProperty("keep_firing_for") String keepFiringFor,
      @JsonbProperty("no_data") @Schema(description = "ok, alerting or keep") String noData,
      String lookback,
      @Schema(enumeration = {"critical", "error", "warning", "info"}) String severity,
      Map<String, String> labels,
      Map<String, String> annotations,
      @Schema(description = "ids of the project's channels to notify") List<String> channels,
      @JsonbProperty("max_notifications_per_minute") Integer maxNotificationsPerMinute,
      boolean enabled,
      @JsonbProperty("created_at") Instant createdAt,
      @JsonbProperty("updated_at") Instant updatedAt) {

    static RuleView of(StoredRule r) {
      RuleDraft d = r.draft();
      return new RuleView(
          r.id(),
          r.project(),
          d.name(),
          d.kind(),
          d.signal(),
          MatchView.of(d.match()),
          d.aggregate(),
          d.window(),
          d.groupBy(),
          d.op(),
          d.threshold(),
          d.recoverThreshold(),
          d.change(),
          d.forDuration(),
          d.keepFiringFor(),
          d.noData(),
          d.lookback(),
          d.severity(),
          sorted(d.labels()),
          sorted(d.annotations()),
          d.channels(),
          d.maxNotificationsPerMinute(),
          r.enabled(),
          r.createdAt(),
          r.updatedAt());
    }
  }

  /** Rules oldest first; {@code next_cursor} is null on the last page. */
  @Schema(name = "RulePage")
  public record RulePage(
      List<RuleView> items,
      @JsonbProperty("next_cursor")
          @JsonbNillable
          @Schema(description = "pass as cursor for the next page; null on the last page")
          String nextCursor) {}

  /**
   * The body of POST and PUT: a rule as its author writes it. Documentation only: the resource
   * reads the JSON itself, to name every wrong field at once.
   */
  @Schema(name = "RuleInput")
  public record RuleInput(
      @Schema(required = true) String name,
      @Schema(required = true, description = "threshold, change or absence") String kind,
      @Schema(required = true, description = "events or metric") String signal,
      MatchView match,
      @Schema(description = "count, sum, avg, min, max, p50, p95, p99, ...") String aggregate,
      @Schema(example = "5m") String window,
      @JsonbProperty("group_by") List<String> groupBy,
      @Schema(description = ">, >=, <, <=, == or !=") String op,
      Double threshold,
      @JsonbProperty("recover_threshold") Double recoverThreshold,
      @Schema(description = "change rules: absolute or percent") String change,
      @JsonbProperty("for") @Schema(example = "1m") String forDuration,
      @JsonbProperty("keep_firing_for") String keepFiringFor,
      @JsonbProperty("no_data") @Schema(description = "ok (default), alerting or keep")
          String noData,
      @Schema(description = "default 24h") String lookback,
      @Schema(description = "critical, error, warning (default) or info") String severity,
      Map<String, String> labels,
      Map<String, String> annotations,
      @Schema(description = "ids of the project's channels to notify") List<String> channels,
      @JsonbProperty("max_notifications_per_minute") @Schema(description = "default 10")
          Integer maxNotificationsPerMinute,
      @Schema(description = "default true") Boolean enabled) {}

  private static Map<String, String> sorted(Map<String, String> m) {
    return m == null ? null : new TreeMap<>(m);
  }
}
