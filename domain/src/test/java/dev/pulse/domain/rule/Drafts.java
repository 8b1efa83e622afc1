package dev.pulse.domain.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pulse.domain.event.FieldError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Drafts builds rule drafts for tests: a valid event threshold rule ({@code count(error) > 100 over
 * 5m}) with whatever fields a test overrides, and the {@link Rule} or errors it parses to.
 */
public final class Drafts {

  public static final String PROJECT = "proj-1";
  public static final UUID RULE_ID = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  public static final UUID CHANNEL = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
  public static final Set<UUID> CHANNELS = Set.of(CHANNEL);
  public static final Instant CREATED = Instant.EPOCH.plusSeconds(1_000_000);

  private Drafts() {}

  /** The draft's fields, mutable so a test overrides just the ones it cares about. */
  public static final class Fields {
    public String name = "High error rate";
    public String kind = "threshold";
    public String signal = "events";
    public String matchType = "error";
    public String matchSource;
    public String matchName;
    public Map<String, String> matchTags;
    public boolean noMatch;
    public String aggregate = "count";
    public String window = "5m";
    public List<String> groupBy;
    public String op = ">";
    public Double threshold = 100.0;
    public Double recoverThreshold;
    public String change;
    public String forDuration;
    public String keepFiringFor;
    public String noData;
    public String lookback;
    public String severity;
    public Map<String, String> labels;
    public Map<String, String> annotations;
    public List<String> channels;
    public Integer maxNotificationsPerMinute;
    public Boolean enabled;

    /** An absence rule: no aggregate, op or threshold. */
    public Fields absence() {
      kind = "absence";
      aggregate = null;
      op = null;
      threshold = null;
      return this;
    }

    /** A metric rule on {@code name}. */
    public Fields metric(String name) {
      signal = "metric";
      matchType = null;
      matchName = name;
      return this;
    }

    public RuleDraft build() {
      RuleDraft.MatchDraft match =
          noMatch ? null : new RuleDraft.MatchDraft(matchType, matchSource, matchName, matchTags);
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
          enabled);
    }
  }

  public static RuleDraft draft(Consumer<Fields> overrides) {
    Fields f = new Fields();
    overrides.accept(f);
    return f.build();
  }

  public static RuleRules.Parsed parse(Consumer<Fields> overrides) {
    return RuleRules.parse(RULE_ID, PROJECT, draft(overrides), CHANNELS, CREATED, CREATED);
  }

  /** The rule the draft describes; fails the test if the draft is invalid. */
  public static Rule rule(Consumer<Fields> overrides) {
    RuleRules.Parsed p = parse(overrides);
    assertEquals(List.of(), p.errors(), "the draft should be valid");
    return p.rule();
  }

  /** The names of the fields the draft gets wrong, in the order reported. */
  public static List<String> errorFields(Consumer<Fields> overrides) {
    return parse(overrides).errors().stream().map(FieldError::field).toList();
  }
}
