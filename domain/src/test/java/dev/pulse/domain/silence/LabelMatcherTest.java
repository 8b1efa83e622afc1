package dev.pulse.domain.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.silence.LabelMatcher.Op;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {

  private static final Map<String, String> API = Map.of("service", "api", "env", "prod");

  @Test
  void equalMatchesOnlyTheSameValue() {
    assertTrue(new LabelMatcher("service", Op.EQ, "api").matches(API));
    assertFalse(new LabelMatcher("service", Op.EQ, "web").matches(API));
  }

  @Test
  void notEqualMatchesAnyOtherValue() {
    assertTrue(new LabelMatcher("service", Op.NE, "web").matches(API));
    assertFalse(new LabelMatcher("service", Op.NE, "api").matches(API));
  }

  @Test
  void regexMatchesTheWholeValue() {
    assertTrue(new LabelMatcher("service", Op.RE, "api|web").matches(API));
    assertTrue(new LabelMatcher("service", Op.RE, "a.*").matches(API));
    assertFalse(new LabelMatcher("service", Op.RE, "web").matches(API));
  }

  @Test
  void negatedRegexMatchesValuesTheRegexDoesNot() {
    assertTrue(new LabelMatcher("service", Op.NRE, "web|db").matches(API));
    assertFalse(new LabelMatcher("service", Op.NRE, "api|web").matches(API));
  }

  @Test
  void regexIsAnchoredAtBothEnds() {
    LabelMatcher api = new LabelMatcher("service", Op.RE, "api");
    assertFalse(api.matches(Map.of("service", "api-2")));
    assertFalse(api.matches(Map.of("service", "my-api")));
    assertTrue(api.matches(Map.of("service", "api")));
  }

  @Test
  void anchoringWrapsAlternationsWhole() {
    LabelMatcher m = new LabelMatcher("service", Op.RE, "api|web");
    assertFalse(m.matches(Map.of("service", "api-2")));
    assertFalse(m.matches(Map.of("service", "old-web")));
  }

  @Test
  void missingLabelReadsAsEmptyString() {
    Map<String, String> none = Map.of();
    assertTrue(new LabelMatcher("team", Op.EQ, "").matches(none));
    assertFalse(new LabelMatcher("team", Op.EQ, "ops").matches(none));
    assertTrue(new LabelMatcher("team", Op.NE, "ops").matches(none));
    assertTrue(new LabelMatcher("team", Op.RE, ".*").matches(none));
    assertFalse(new LabelMatcher("team", Op.RE, ".+").matches(none));
    assertTrue(new LabelMatcher("team", Op.NRE, ".+").matches(none));
  }

  @Test
  void matchesEmptyTellsWhetherAnAlertWithoutTheLabelMatches() {
    assertTrue(new LabelMatcher("a", Op.RE, ".*").matchesEmpty());
    assertTrue(new LabelMatcher("a", Op.NE, "x").matchesEmpty());
    assertFalse(new LabelMatcher("a", Op.EQ, "x").matchesEmpty());
    assertFalse(new LabelMatcher("a", Op.NRE, ".*").matchesEmpty());
  }

  @Test
  void refusesUnsafeRegex() {
    assertThrows(IllegalArgumentException.class, () -> new LabelMatcher("a", Op.RE, "(a+)+"));
    assertThrows(IllegalArgumentException.class, () -> new LabelMatcher("a", Op.NRE, "("));
  }

  @Test
  void equalityValueIsNotARegex() {
    LabelMatcher m = new LabelMatcher("a", Op.EQ, "(a+)+");
    assertTrue(m.matches(Map.of("a", "(a+)+")));
    assertFalse(m.matches(Map.of("a", "aa")));
  }

  @Test
  void opParsesItsSymbols() {
    for (Op op : Op.values()) {
      assertEquals(Optional.of(op), Op.parse(op.symbol()));
    }
    assertEquals(Optional.empty(), Op.parse("=="));
    assertEquals(Optional.empty(), Op.parse(null));
  }

  @Test
  void equalMatchersAreEqualAndPrintLikeAlertmanager() {
    assertEquals(new LabelMatcher("a", Op.RE, "x|y"), new LabelMatcher("a", Op.RE, "x|y"));
    assertEquals("a=~\"x\\\\.y\"", new LabelMatcher("a", Op.RE, "x\\.y").toString());
  }
}
