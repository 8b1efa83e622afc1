package dev.pulse.worker.notify;

import static dev.pulse.worker.notify.Notices.PULSE;
import static dev.pulse.worker.notify.Notices.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Subject, text and HTML parts of a notification email; alert text escaped in the HTML. */
class EmailMessageTest {

  @Test
  void aFiringAlertHasStateNameAndSeverityInTheSubjectAndTheSameFactsInBothParts() {
    EmailMessage m =
        EmailMessage.of(
            Notices.single(alert("a1", "firing", "Checkout errors", "critical", "Errors!")), PULSE);
    assertEquals("[FIRING] Checkout errors (critical)", m.subject());
    for (String part : new String[] {m.text(), m.html()}) {
      assertTrue(part.contains("Checkout errors"), part);
      assertTrue(part.contains("Errors!"), part);
      assertTrue(part.contains("source=checkout-api"), part);
    }
    assertTrue(m.text().contains("https://pulse.example/live/#project=shop&alert=a1\n"), m.text());
    assertTrue(
        m.html().contains("<a href=\"https://pulse.example/live/#project=shop&amp;alert=a1\">"),
        m.html());
    assertTrue(m.html().startsWith("<!DOCTYPE html>"));
  }

  @Test
  void everyAlertTextIsHtmlEscapedInTheHtmlPartOnly() {
    EmailMessage m =
        EmailMessage.of(
            Notices.single(
                alert("a1", "firing", "<script>alert(1)</script>", "critical", "a & \"b\" <i>")),
            PULSE);
    assertFalse(m.html().contains("<script>"), m.html());
    assertTrue(m.html().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), m.html());
    assertTrue(m.html().contains("a &amp; &quot;b&quot; &lt;i&gt;"), m.html());
    assertTrue(m.text().contains("a & \"b\" <i>"), m.text());
  }

  @Test
  void theSubjectIsOneLineEvenWhenALabelIsNot() {
    EmailMessage m =
        EmailMessage.of(
            Notices.single(alert("a1", "firing", "evil\r\nBcc: x@y.com", "critical", "s")), PULSE);
    assertFalse(m.subject().contains("\n") || m.subject().contains("\r"), m.subject());
  }

  @Test
  void aGroupSubjectCountsFiringAndResolved() {
    EmailMessage m =
        EmailMessage.of(
            Notices.group(
                false,
                alert("a1", "firing", "Storm", "critical", "s"),
                alert("a2", "firing", "Storm", "critical", "s"),
                alert("a3", "resolved", "Storm", "critical", "s")),
            PULSE);
    assertEquals("[FIRING:2 RESOLVED:1] alertname=Storm", m.subject());
  }

  @Test
  void aFallbackIsMarkedInTheSubjectAndBody() {
    EmailMessage m =
        EmailMessage.of(
            Notices.fallback(alert("a1", "firing", "Checkout errors", "critical", "s")), PULSE);
    assertEquals("[fallback] [FIRING] Checkout errors (critical)", m.subject());
    assertTrue(m.text().contains("meant for channel ops-slack"), m.text());
    assertTrue(m.html().contains("meant for channel ops-slack"), m.html());
  }
}
