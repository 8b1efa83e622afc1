package dev.pulse.domain.rule;

import static dev.pulse.domain.rule.Drafts.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RuleTest {

  private static final Instant AT = Instant.EPOCH.plusSeconds(2_000_000);

  private static Observation event(String type, String source, Map<String, String> tags) {
    return Observation.event(Drafts.PROJECT, "e1", AT, type, source, tags, null);
  }

  private static Observation sample(String name, Map<String, String> tags) {
    return Observation.sample(Drafts.PROJECT, "m1", AT, name, tags, 1.5);
  }

  @Test
  void matchesAnEventOfTheSameTypeInTheSameProject() {
    assertTrue(rule(d -> {}).matches(event("error", "api", Map.of())));
  }

  @Test
  void doesNotMatchWhenDisabled() {
    assertFalse(rule(d -> d.enabled = false).matches(event("error", "api", Map.of())));
  }

  @Test
  void doesNotMatchAnotherProject() {
    Observation o = Observation.event("proj-2", "e1", AT, "error", "api", Map.of(), null);
    assertFalse(rule(d -> {}).matches(o));
  }

  @Test
  void doesNotMatchAnotherSignal() {
    Rule events = rule(d -> d.matchType = null);
    assertFalse(events.matches(sample("cpu", Map.of())));
    Rule metric = rule(d -> d.metric("cpu"));
    assertTrue(metric.matches(sample("cpu", Map.of())));
    assertFalse(metric.matches(event("error", "api", Map.of())));
  }

  @Test
  void everyGivenMatchFieldMustBeEqual() {
    Rule r = rule(d -> d.matchSource = "api");
    assertTrue(r.matches(event("error", "api", Map.of())));
    assertFalse(r.matches(event("error", "web", Map.of())));
    assertFalse(r.matches(event("warning", "api", Map.of())));
    assertFalse(r.matches(event(null, "api", Map.of())));
    Rule metric = rule(d -> d.metric("cpu"));
    assertFalse(metric.matches(sample("mem", Map.of())));
  }

  @Test
  void fieldsNotGivenMatchAnything() {
    Rule r = rule(d -> d.matchType = null);
    assertTrue(r.matches(event("error", "api", Map.of())));
    assertTrue(r.matches(event("deploy", null, Map.of())));
  }

  @Test
  void givenTagsMustBePresentWithEqualValues() {
    Rule r = rule(d -> d.matchTags = Map.of("env", "prod", "region", "eu"));
    assertTrue(r.matches(event("error", "api", Map.of("env", "prod", "region", "eu"))));
    assertTrue(
        r.matches(event("error", "api", Map.of("env", "prod", "region", "eu", "host", "h1"))),
        "extra tags do not matter");
    assertFalse(r.matches(event("error", "api", Map.of("env", "prod"))), "a tag is missing");
    assertFalse(r.matches(event("error", "api", Map.of("env", "dev", "region", "eu"))));
    assertFalse(r.matches(event("error", "api", Map.of())));
  }

  @Test
  void groupLabelsAreNamedByFieldOrTagKey() {
    Rule r = rule(d -> d.groupBy = List.of("source", "type", "tags.host"));
    assertEquals(
        new TreeMap<>(Map.of("source", "api", "type", "error", "host", "h1")),
        r.groupLabels(event("error", "api", Map.of("host", "h1", "env", "prod"))));
    Rule metric = rule(d -> d.metric("cpu").groupBy = List.of("name", "tags.core"));
    assertEquals(
        new TreeMap<>(Map.of("name", "cpu", "core", "3")),
        metric.groupLabels(sample("cpu", Map.of("core", "3"))));
  }

  @Test
  void missingGroupFieldGroupsAsEmpty() {
    Rule r = rule(d -> d.groupBy = List.of("source", "tags.host"));
    assertEquals(
        new TreeMap<>(Map.of("source", "", "host", "")),
        r.groupLabels(event("error", null, Map.of())));
  }

  @Test
  void noGroupByIsOneGroup() {
    assertEquals(Map.of(), rule(d -> {}).groupLabels(event("error", "api", Map.of("a", "b"))));
  }

  @Test
  void groupLabelsAreSorted() {
    Rule r = rule(d -> d.groupBy = List.of("type", "tags.zone", "source", "tags.az"));
    assertEquals(
        List.of("az", "source", "type", "zone"),
        List.copyOf(r.groupLabels(event("error", "api", Map.of())).keySet()));
  }

  @Test
  void changeRulesKeepTwoWindows() {
    Rule change =
        rule(
            d -> {
              d.kind = "change";
              d.change = "percent";
              d.window = "10m";
            });
    assertEquals(Duration.ofMinutes(20), change.retention());
  }

  @Test
  void thresholdAndAbsenceRulesKeepOneWindow() {
    assertEquals(Duration.ofMinutes(10), rule(d -> d.window = "10m").retention());
    assertEquals(Duration.ofMinutes(3), rule(d -> d.absence().window = "3m").retention());
  }

  @Test
  void windowIdentityIgnoresThresholdButNotMatchOrGrouping() {
    String base = rule(d -> {}).windowIdentity();
    assertEquals(
        base,
        rule(d -> {
              d.threshold = 5.0;
              d.name = "renamed";
            })
            .windowIdentity());
    assertNotEquals(base, rule(d -> d.matchType = "warning").windowIdentity());
    assertNotEquals(base, rule(d -> d.groupBy = List.of("source")).windowIdentity());
  }
}
