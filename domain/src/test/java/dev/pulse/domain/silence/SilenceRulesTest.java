package dev.pulse.domain.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.event.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceRulesTest {

  private static final Instant NOW = Instant.parse("2031-06-02T12:00:00Z");
  private static final Instant IN_AN_HOUR = NOW.plus(Duration.ofHours(1));
  private static final MatcherInput CHECKOUT = new MatcherInput("service", "=~", "checkout-.*");

  private static List<String> fields(List<FieldError> errors) {
    return errors.stream().map(FieldError::field).toList();
  }

  private static List<FieldError> checkMatchers(MatcherInput... matchers) {
    return SilenceRules.check(List.of(matchers), NOW, IN_AN_HOUR, "", NOW);
  }

  @Test
  void acceptsANormalSilence() {
    List<MatcherInput> matchers =
        List.of(
            CHECKOUT, new MatcherInput("env", "=", "prod"), new MatcherInput("a.b_c", "!~", ""));
    assertEquals(List.of(), SilenceRules.check(matchers, NOW, IN_AN_HOUR, "deploy", NOW));
    assertEquals(List.of(), SilenceRules.check(matchers, NOW, IN_AN_HOUR, null, NOW));
  }

  @Test
  void refusesNoMatchersAndMoreThan32() {
    assertEquals(List.of("matchers"), fields(checkMatchers()));
    assertEquals(List.of("matchers"), fields(SilenceRules.check(null, NOW, IN_AN_HOUR, null, NOW)));
    assertEquals(
        List.of("matchers"),
        fields(SilenceRules.check(Collections.nCopies(33, CHECKOUT), NOW, IN_AN_HOUR, null, NOW)));
    assertEquals(
        List.of(),
        SilenceRules.check(Collections.nCopies(32, CHECKOUT), NOW, IN_AN_HOUR, null, NOW));
  }

  @Test
  void namesTheLabelOfTheBrokenMatcher() {
    assertEquals(
        List.of("matchers[1].label"),
        fields(checkMatchers(CHECKOUT, new MatcherInput("1abc", "=", "x"))));
    assertEquals(
        List.of("matchers[0].label"), fields(checkMatchers(new MatcherInput("a-b", "=", "x"))));
    assertEquals(
        List.of("matchers[0].label"), fields(checkMatchers(new MatcherInput("", "=", "x"))));
    assertEquals(
        List.of("matchers[0].label"),
        fields(checkMatchers(new MatcherInput("a".repeat(101), "=", "x"))));
    assertEquals(List.of(), checkMatchers(new MatcherInput("a".repeat(100), "=", "x")));
  }

  @Test
  void namesTheOpOfTheBrokenMatcher() {
    assertEquals(
        List.of("matchers[0].op"), fields(checkMatchers(new MatcherInput("service", "==", "x"))));
    assertEquals(
        List.of("matchers[0].op"), fields(checkMatchers(new MatcherInput("service", null, "x"))));
  }

  @Test
  void namesTheValueOfTheBrokenMatcher() {
    assertEquals(
        List.of("matchers[0].value"),
        fields(checkMatchers(new MatcherInput("service", "=", "x".repeat(1001)))));
    assertEquals(
        List.of("matchers[0].value"),
        fields(checkMatchers(new MatcherInput("service", "=", null))));
  }

  @Test
  void refusesUnsafeRegexValuesWithTheReason() {
    List<FieldError> errors = checkMatchers(new MatcherInput("service", "=~", "(a+)+"));
    assertEquals(List.of(new FieldError("matchers[0].value", RegexSafety.NESTED)), errors);
    assertEquals(
        List.of("matchers[0].value"),
        fields(checkMatchers(new MatcherInput("service", "!~", "(a)\\1"))));
  }

  @Test
  void equalityValuesAreNotCheckedAsRegex() {
    assertEquals(List.of(), checkMatchers(new MatcherInput("service", "=", "(a+)+")));
  }

  @Test
  void refusesMatchersThatMatchEveryAlert() {
    assertEquals(
        List.of("matchers"), fields(checkMatchers(new MatcherInput("alertname", "=~", ".*"))));
    assertEquals(
        List.of("matchers"),
        fields(
            checkMatchers(
                new MatcherInput("alertname", "=~", ".*"),
                new MatcherInput("env", "!=", "prod"),
                new MatcherInput("team", "=", ""))));
    assertEquals(
        List.of(),
        checkMatchers(
            new MatcherInput("alertname", "=~", ".*"), new MatcherInput("env", "=", "prod")));
  }

  @Test
  void refusesEndNotAfterStart() {
    List<FieldError> errors =
        SilenceRules.check(List.of(CHECKOUT), IN_AN_HOUR, IN_AN_HOUR, null, NOW);
    assertEquals(List.of(new FieldError("ends_at", "ends_at must be after starts_at")), errors);
  }

  @Test
  void refusesEndInThePast() {
    List<FieldError> errors =
        SilenceRules.check(List.of(CHECKOUT), NOW.minusSeconds(60), NOW, null, NOW);
    assertEquals(List.of(new FieldError("ends_at", "ends_at must be in the future")), errors);
  }

  @Test
  void acceptsStartInThePast() {
    assertEquals(
        List.of(),
        SilenceRules.check(List.of(CHECKOUT), NOW.minusSeconds(60), IN_AN_HOUR, null, NOW));
  }

  @Test
  void refusesMissingOrOutOfRangeInstants() {
    assertEquals(
        List.of("starts_at", "ends_at"),
        fields(SilenceRules.check(List.of(CHECKOUT), null, null, null, NOW)));
    assertEquals(
        List.of("ends_at"),
        fields(
            SilenceRules.check(
                List.of(CHECKOUT), NOW, Instant.parse("+10000-01-01T00:00:00Z"), null, NOW)));
  }

  @Test
  void refusesCommentLongerThan1000Characters() {
    assertEquals(
        List.of("comment"),
        fields(SilenceRules.check(List.of(CHECKOUT), NOW, IN_AN_HOUR, "c".repeat(1001), NOW)));
    assertTrue(
        SilenceRules.check(List.of(CHECKOUT), NOW, IN_AN_HOUR, "c".repeat(1000), NOW).isEmpty());
  }

  @Test
  void checkedInputsBecomeMatchers() {
    assertEquals(
        new LabelMatcher("service", LabelMatcher.Op.RE, "checkout-.*"), CHECKOUT.toMatcher());
  }
}
