package dev.pulse.domain.silence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexSafetyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "checkout-.*",
        "(api|web)-[0-9]+",
        "prod|staging",
        ".*\\.example\\.com",
        "[+*]+",
        "[(a+)]+",
        "\\(a+\\)+",
        "(ab)+",
        "(a+)?",
        "(a+){1}",
        "(a+){0,1}",
        "(?i)prod",
        "(?<svc>api)-\\d+",
        "\\p{L}+",
        "\\Q(a+)+\\E",
        "[]a]+",
        "",
        "a*?b",
      })
  void acceptsTypicalPatterns(String pattern) {
    assertEquals(Optional.empty(), RegexSafety.problem(pattern));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "(a+)+",
        "(a*)*b",
        "(x+x+)+y",
        "(\\w+\\s?)*",
        "(a|a?)+",
        "(a|aa)+",
        "(a+){2,}",
        "(a+){2}",
        "(a+){1,5}",
        "((a+))+",
        "((a)+b)*",
        "(?:a{2})+",
        "([a-z]+)*",
        "(?<n>a+)+",
      })
  void refusesNestedRepetition(String pattern) {
    assertEquals(Optional.of(RegexSafety.NESTED), RegexSafety.problem(pattern));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1", "(?<n>a)\\k<n>"})
  void refusesBackreferences(String pattern) {
    assertTrue(RegexSafety.problem(pattern).orElseThrow().contains("backreferences"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b"})
  void refusesLookaround(String pattern) {
    assertTrue(RegexSafety.problem(pattern).orElseThrow().contains("lookaround"));
  }

  @Test
  void refusesAtomicGroupsAndPossessiveQuantifiers() {
    assertTrue(RegexSafety.problem("(?>a+)b").orElseThrow().contains("atomic"));
    assertTrue(RegexSafety.problem("a++b").orElseThrow().contains("possessive"));
  }

  @Test
  void refusesCommentsFlagThatHidesQuantifiersBehindWhitespace() {
    assertTrue(RegexSafety.problem("(?x)(a+) +").orElseThrow().contains("comments"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"(", "a{", "[a-", "*a"})
  void refusesInvalidSyntax(String pattern) {
    assertTrue(RegexSafety.problem(pattern).orElseThrow().startsWith("invalid pattern"));
  }

  @Test
  void refusesPatternsLongerThan1000Characters() {
    assertEquals(Optional.empty(), RegexSafety.problem("a".repeat(1000)));
    assertTrue(RegexSafety.problem("a".repeat(1001)).isPresent());
  }

  @Test
  void refusesNull() {
    assertTrue(RegexSafety.problem(null).isPresent());
  }
}
