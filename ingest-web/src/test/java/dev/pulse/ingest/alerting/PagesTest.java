package dev.pulse.ingest.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.rule.RuleRules;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import org.junit.jupiter.api.Test;

class PagesTest {

  @Test
  void anUnknownEnumeratedValueIsA400NamingTheParameterAndTheAllowedValues() {
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> Pages.oneOf("huge", "severity", RuleRules.SEVERITIES));
    Problem p = e.problem();
    assertEquals(400, p.status());
    assertEquals("severity", p.errors().get(0).field());
    assertTrue(p.detail().contains("[critical, error, info, warning]"), "the allowed values: " + p);
  }

  @Test
  void aKnownOrAbsentEnumeratedValuePasses() {
    assertEquals("critical", Pages.oneOf("critical", "severity", RuleRules.SEVERITIES));
    assertNull(Pages.oneOf(null, "severity", RuleRules.SEVERITIES));
  }
}
