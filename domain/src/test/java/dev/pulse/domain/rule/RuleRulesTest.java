package dev.pulse.domain.rule;

import static dev.pulse.domain.rule.Drafts.errorFields;
import static dev.pulse.domain.rule.Drafts.parse;
import static dev.pulse.domain.rule.Drafts.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleRulesTest {

  @Test
  void validThresholdRuleParsesWithDefaults() {
    RuleRules.Parsed p = parse(d -> {});
    assertTrue(p.isValid());
    Rule r = p.rule();
    assertEquals(Drafts.RULE_ID, r.id());
    assertEquals(Drafts.PROJECT, r.project());
    assertEquals("High error rate", r.name());
    assertEquals(Rule.Kind.THRESHOLD, r.kind());
    assertEquals(Rule.Signal.EVENTS, r.signal());
    assertEquals(new Rule.Match("error", null, null, Map.of()), r.match());
    assertEquals(Aggregate.COUNT, r.aggregate());
    assertEquals(Duration.ofMinutes(5), r.window());
    assertEquals(List.of(), r.groupBy());
    assertEquals(Op.GT, r.op());
    assertEquals(100.0, r.threshold());
    assertNull(r.recoverThreshold());
    assertNull(r.change());
    assertEquals(Duration.ZERO, r.forDuration());
    assertEquals(Duration.ZERO, r.keepFiringFor());
    assertEquals(Rule.NoData.OK, r.noData());
    assertEquals(Duration.ofHours(24), r.lookback());
    assertEquals("warning", r.severity());
    assertEquals(Map.of(), r.labels());
    assertEquals(Map.of(), r.annotations());
    assertEquals(List.of(), r.channels());
    assertEquals(10, r.maxNotificationsPerMinute());
    assertTrue(r.enabled());
    assertEquals(Drafts.CREATED, r.createdAt());
    assertEquals(Drafts.CREATED, r.updatedAt());
  }

  @Test
  void everyFieldGivenIsKept() {
    Rule r =
        rule(
            d -> {
              d.name = "  Slow checkout  ";
              d.metric("http.latency");
              d.matchTags = Map.of("env", "prod");
              d.aggregate = "p95";
              d.window = "1m";
              d.groupBy = List.of("name", "tags.region");
              d.op = ">=";
              d.threshold = 250.0;
              d.recoverThreshold = 200.0;
              d.forDuration = "30s";
              d.keepFiringFor = "2m";
              d.noData = "keep";
              d.lookback = "7d";
              d.severity = "critical";
              d.labels = Map.of("team", "payments");
              d.annotations = Map.of("summary", "p95 {{value}}");
              d.channels = List.of(Drafts.CHANNEL.toString(), Drafts.CHANNEL.toString());
              d.maxNotificationsPerMinute = 1000;
              d.enabled = false;
            });
    assertEquals("Slow checkout", r.name());
    assertEquals(Rule.Signal.METRIC, r.signal());
    assertEquals(new Rule.Match(null, null, "http.latency", Map.of("env", "prod")), r.match());
    assertEquals(Aggregate.P95, r.aggregate());
    assertEquals(List.of("name", "tags.region"), r.groupBy());
    assertEquals(Op.GE, r.op());
    assertEquals(200.0, r.recoverThreshold());
    assertEquals(Duration.ofSeconds(30), r.forDuration());
    assertEquals(Duration.ofMinutes(2), r.keepFiringFor());
    assertEquals(Rule.NoData.KEEP, r.noData());
    assertEquals(Duration.ofDays(7), r.lookback());
    assertEquals("critical", r.severity());
    assertEquals(Map.of("team", "payments"), r.labels());
    assertEquals(Map.of("summary", "p95 {{value}}"), r.annotations());
    assertEquals(List.of(Drafts.CHANNEL), r.channels(), "a repeated channel is kept once");
    assertEquals(1000, r.maxNotificationsPerMinute());
    assertFalse(r.enabled());
  }

  @Test
  void invalidDraftHasNoRule() {
    RuleRules.Parsed p = parse(d -> d.name = null);
    assertFalse(p.isValid());
    assertNull(p.rule());
  }

  static Stream<Arguments> wrongDrafts() {
    return Stream.of(
        wrong("name", d -> d.name = null),
        wrong("name", d -> d.name = "   "),
        wrong("name", d -> d.name = "n".repeat(201)),
        wrong("kind", d -> d.kind = null),
        wrong("kind", d -> d.kind = "rate"),
        wrong("kind", d -> d.kind = "THRESHOLD"),
        wrong("signal", d -> d.signal = null),
        wrong("signal", d -> d.signal = "logs"),
        wrong("match.type", d -> d.matchType = "t".repeat(101)),
        wrong("match.name", d -> d.matchName = "cpu"),
        wrong("match.name", d -> d.metric(null)),
        wrong("match.name", d -> d.metric("  ")),
        wrong("match.type", d -> d.metric("cpu").matchType = "error"),
        wrong("match.tags", d -> d.matchTags = Map.of("bad key", "v")),
        wrong("match.tags", d -> d.matchTags = Map.of("k", "v".repeat(201))),
        wrong("aggregate", d -> d.aggregate = null),
        wrong("aggregate", d -> d.aggregate = "median"),
        wrong("window", d -> d.window = null),
        wrong("window", d -> d.window = "5 minutes"),
        wrong("window", d -> d.window = "999ms"),
        wrong("window", d -> d.window = "25h"),
        wrong("group_by[0]", d -> d.groupBy = List.of("host")),
        wrong("group_by[0]", d -> d.groupBy = List.of("name")),
        wrong("group_by[0]", d -> d.metric("cpu").groupBy = List.of("source")),
        wrong("group_by[0]", d -> d.metric("cpu").groupBy = List.of("type")),
        wrong("group_by[0]", d -> d.groupBy = List.of("tags.")),
        wrong("group_by[1]", d -> d.groupBy = List.of("source", "source")),
        wrong("group_by[1]", d -> d.groupBy = List.of("source", "tags.source")),
        wrong(
            "group_by",
            d -> d.groupBy = List.of("tags.a", "tags.b", "tags.c", "tags.d", "tags.e", "tags.f")),
        wrong("op", d -> d.op = null),
        wrong("op", d -> d.op = "=>"),
        wrong("threshold", d -> d.threshold = null),
        wrong("threshold", d -> d.threshold = Double.NaN),
        wrong("threshold", d -> d.threshold = Double.POSITIVE_INFINITY),
        wrong("recover_threshold", d -> d.recoverThreshold = Double.NaN),
        wrong("change", d -> d.change = "absolute"),
        wrong("for", d -> d.forDuration = "soon"),
        wrong("for", d -> d.forDuration = "25h"),
        wrong("keep_firing_for", d -> d.keepFiringFor = "2d"),
        wrong("keep_firing_for", d -> d.keepFiringFor = "1.5m"),
        wrong("no_data", d -> d.noData = "ignore"),
        wrong("lookback", d -> d.lookback = "8d"),
        wrong("lookback", d -> d.lookback = "1m"),
        wrong("lookback", d -> d.lookback = "yesterday"),
        wrong("severity", d -> d.severity = "fatal"),
        wrong("severity", d -> d.severity = "Warning"),
        wrong("labels", d -> d.labels = Map.of("bad-key", "v")),
        wrong("labels", d -> d.labels = Map.of("alertname", "x")),
        wrong("annotations", d -> d.annotations = Map.of("1st", "x")),
        wrong("channels[0]", d -> d.channels = List.of("not-a-uuid")),
        wrong("max_notifications_per_minute", d -> d.maxNotificationsPerMinute = 0),
        wrong("max_notifications_per_minute", d -> d.maxNotificationsPerMinute = 1001));
  }

  private static Arguments wrong(String field, Consumer<Drafts.Fields> overrides) {
    return Arguments.of(field, overrides);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("wrongDrafts")
  void wrongDraftNamesItsField(String field, Consumer<Drafts.Fields> overrides) {
    assertEquals(List.of(field), errorFields(overrides));
  }

  @Test
  void windowAndHoldLimitsAreInclusive() {
    assertEquals(Duration.ofSeconds(1), rule(d -> d.window = "1s").window());
    assertEquals(Duration.ofDays(1), rule(d -> d.window = "1d").window());
    assertEquals(Duration.ofDays(1), rule(d -> d.forDuration = "1d").forDuration());
    assertEquals(Duration.ofDays(1), rule(d -> d.keepFiringFor = "24h").keepFiringFor());
    assertEquals(Duration.ZERO, rule(d -> d.forDuration = "0s").forDuration());
  }

  @Test
  void absenceRuleParsesWithoutAggregateOpOrThreshold() {
    Rule r = rule(d -> d.absence().window = "10m");
    assertEquals(Rule.Kind.ABSENCE, r.kind());
    assertNull(r.aggregate());
    assertNull(r.op());
    assertNull(r.threshold());
    assertNull(r.recoverThreshold());
    assertEquals(Duration.ofMinutes(10), r.window());
  }

  @Test
  void absenceRuleRefusesAggregateOpThresholdAndRecover() {
    assertEquals(
        List.of("aggregate", "op", "threshold", "recover_threshold"),
        errorFields(
            d -> {
              d.kind = "absence";
              d.recoverThreshold = 50.0;
            }));
  }

  @Test
  void changeRuleNeedsAbsoluteOrPercent() {
    assertEquals(
        Rule.Change.ABSOLUTE,
        rule(d -> {
              d.kind = "change";
              d.change = "absolute";
            })
            .change());
    assertEquals(
        Rule.Change.PERCENT,
        rule(d -> {
              d.kind = "change";
              d.change = "percent";
            })
            .change());
    assertEquals(List.of("change"), errorFields(d -> d.kind = "change"));
    assertEquals(
        List.of("change"),
        errorFields(
            d -> {
              d.kind = "change";
              d.change = "relative";
            }));
  }

  @Test
  void onlyChangeRulesTakeChange() {
    assertEquals(
        List.of("change"),
        errorFields(
            d -> {
              d.absence().change = "percent";
            }));
  }

  static Stream<Arguments> recoverSides() {
    // op, recover_threshold (threshold 100), valid?
    return Stream.of(
        Arguments.of(">", 80.0, true),
        Arguments.of(">", 100.0, true),
        Arguments.of(">", 120.0, false),
        Arguments.of(">=", 80.0, true),
        Arguments.of(">=", 100.0, true),
        Arguments.of(">=", 100.5, false),
        Arguments.of("<", 120.0, true),
        Arguments.of("<", 100.0, true),
        Arguments.of("<", 80.0, false),
        Arguments.of("<=", 120.0, true),
        Arguments.of("<=", 100.0, true),
        Arguments.of("<=", 99.5, false),
        Arguments.of("==", 100.0, false),
        Arguments.of("==", 80.0, false),
        Arguments.of("!=", 100.0, false),
        Arguments.of("!=", 120.0, false));
  }

  @ParameterizedTest(name = "{0} 100 recover {1}: valid={2}")
  @MethodSource("recoverSides")
  void recoverThresholdMustSitOnTheRecoverySide(String op, double recover, boolean valid) {
    List<String> fields =
        errorFields(
            d -> {
              d.op = op;
              d.recoverThreshold = recover;
            });
    assertEquals(valid ? List.of() : List.of("recover_threshold"), fields);
  }

  @Test
  void unknownChannelIsNamedByIndex() {
    String other = "00000000-0000-0000-0000-0000000000ff";
    assertEquals(
        List.of("channels[1]"),
        errorFields(d -> d.channels = List.of(Drafts.CHANNEL.toString(), other)));
    assertEquals(
        List.of("channels[0]", "channels[2]"),
        errorFields(d -> d.channels = Arrays.asList(null, Drafts.CHANNEL.toString(), other)));
  }

  @Test
  void groupByAcceptsTheSignalsFields() {
    assertEquals(
        List.of("source", "type", "tags.host"),
        rule(d -> d.groupBy = List.of("source", "type", "tags.host")).groupBy());
    assertEquals(
        List.of("name", "tags.host"),
        rule(d -> d.metric("cpu").groupBy = List.of("name", "tags.host")).groupBy());
  }

  @Test
  void matchTagWithoutValueIsAFieldErrorNotACrash() {
    Map<String, String> tags = new HashMap<>();
    tags.put("env", null);
    assertEquals(List.of("match.tags"), errorFields(d -> d.matchTags = tags));
    Map<String, String> nullKey = new HashMap<>();
    nullKey.put(null, "v");
    assertEquals(List.of("match.tags"), errorFields(d -> d.matchTags = nullKey));
  }

  @Test
  void missingMatchIsAnEmptyMatchForEventsAndAnErrorForMetrics() {
    assertEquals(new Rule.Match(null, null, null, Map.of()), rule(d -> d.noMatch = true).match());
    assertEquals(
        List.of("match.name"),
        errorFields(
            d -> {
              d.signal = "metric";
              d.noMatch = true;
            }));
  }

  @Test
  void severalErrorsAreReportedAtOnce() {
    List<String> fields =
        errorFields(
            d -> {
              d.name = "";
              d.kind = "change";
              d.window = "2d";
              d.groupBy = List.of("source", "host");
              d.op = "~";
              d.severity = "loud";
              d.channels = List.of("nope");
              d.maxNotificationsPerMinute = -1;
            });
    assertEquals(
        List.of(
            "name",
            "window",
            "group_by[1]",
            "op",
            "change",
            "severity",
            "channels[0]",
            "max_notifications_per_minute"),
        fields);
  }
}
