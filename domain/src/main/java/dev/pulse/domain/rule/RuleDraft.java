package dev.pulse.domain.rule;

import java.util.List;
import java.util.Map;

/**
 * RuleDraft is a rule as a client wrote it: every field raw and possibly missing or wrong. {@link
 * RuleRules#parse} turns it into a {@link Rule} or names every field that is wrong; the draft is
 * also what is stored and echoed back, so a client reads the rule exactly as it sent it.
 */
public record RuleDraft(
    String name,
    String kind,
    String signal,
    MatchDraft match,
    String aggregate,
    String window,
    List<String> groupBy,
    String op,
    Double threshold,
    Double recoverThreshold,
    String change,
    String forDuration,
    String keepFiringFor,
    String noData,
    String lookback,
    String severity,
    Map<String, String> labels,
    Map<String, String> annotations,
    List<String> channels,
    Integer maxNotificationsPerMinute,
    Boolean enabled) {

  /** The {@code match} object as written. */
  public record MatchDraft(String type, String source, String name, Map<String, String> tags) {}

  /** The same draft, enabled or disabled. */
  public RuleDraft withEnabled(boolean on) {
    return new RuleDraft(
        name,
        kind,
        signal,
        match,
        aggregate,
        window,
        groupBy,
        op,
        threshold,
        recoverThreshold,
        change,
        forDuration,
        keepFiringFor,
        noData,
        lookback,
        severity,
        labels,
        annotations,
        channels,
        maxNotificationsPerMinute,
        on);
  }
}
