package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.Problems;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Email channels against GreenMail, listening where {@code ./pulse test} pointed the server's SMTP
 * settings (PULSE_SMTP_PORT): subject, sender, recipients, and a multipart/alternative body whose
 * text and HTML parts say the same, the HTML escaped.
 */
@ExtendWith(PulseServer.class)
class EmailChannelIT {

  private static final String ONCALL = "oncall@pulse.test";
  private static final String SRE = "sre@pulse.test";

  @RegisterExtension
  static final GreenMailExtension SMTP =
      new GreenMailExtension(new ServerSetup(TestEnv.smtpPort(), "127.0.0.1", "smtp"))
          .withPerMethodLifecycle(false);

  static JsonObject emailJson(String... recipients) {
    return Json.createObjectBuilder()
        .add("name", "oncall-mail")
        .add("type", "email")
        .add("recipients", Json.createArrayBuilder(Arrays.asList(recipients)))
        .build();
  }

  @Test
  void aFiringAlertIsAMultipartEmailWithATextAndAnEscapedHtmlPart() throws Exception {
    Tenant t = Tenant.create("email-alert");
    JsonObject channel = t.expect(201, "POST", "/channels", emailJson(ONCALL, SRE).toString());
    assertFalse(channel.containsKey("warning"), "an SMTP server is configured: " + channel);
    assertEquals(
        Json.createArrayBuilder().add(ONCALL).add(SRE).build(), channel.getJsonArray("recipients"));
    JsonObject rule =
        with(
            checkoutRule(channel.getString("id")),
            "annotations",
            Json.createObjectBuilder().add("summary", "Errors on {{source}} <b>&</b>").build());
    t.newRule(rule);
    t.sendErrors(3);
    JsonObject alert = t.awaitFiring();

    String notification = SlackChannelIT.awaitSent(t, alert.getString("id")).getString("id");
    List<MimeMessage> copies = received(notification, 2);
    MimeMessage mail = copies.get(0);
    assertEquals("[FIRING] " + ALERTNAME + " (critical)", mail.getSubject());
    assertEquals("pulse@pulse.test", mail.getFrom()[0].toString());
    Set<String> to =
        Arrays.stream(mail.getRecipients(Message.RecipientType.TO))
            .map(Address::toString)
            .collect(Collectors.toSet());
    assertEquals(Set.of(ONCALL, SRE), to);
    assertTrue(mail.getContentType().startsWith("multipart/alternative"), mail.getContentType());
    assertFalse(mail.getHeader("X-Pulse-Notification-Id")[0].isBlank());

    MimeMultipart parts = (MimeMultipart) mail.getContent();
    assertEquals(2, parts.getCount());
    BodyPart text = parts.getBodyPart(0);
    BodyPart html = parts.getBodyPart(1);
    assertTrue(text.isMimeType("text/plain"), text.getContentType());
    assertTrue(html.isMimeType("text/html"), html.getContentType());
    String plain = (String) text.getContent();
    String markup = (String) html.getContent();
    String link =
        "/live/#project=" + alert.getString("project") + "&alert=" + alert.getString("id");
    assertTrue(plain.contains("Errors on checkout-api <b>&</b>"), plain);
    assertTrue(plain.contains(link) && plain.contains("team=payments"), plain);
    assertTrue(markup.contains("Errors on checkout-api &lt;b&gt;&amp;&lt;/b&gt;"), markup);
    assertFalse(markup.contains("<b>&</b>"), markup);
    assertTrue(
        markup.contains(link.replace("&", "&amp;")) && markup.contains("team=payments"), markup);
  }

  @Test
  void theTestEndpointSendsAnEmail() throws Exception {
    Tenant t = Tenant.create("email-test");
    String id = t.expect(201, "POST", "/channels", emailJson(ONCALL).toString()).getString("id");
    JsonObject sent = t.expect(200, "POST", "/channels/" + id + "/test", null);
    assertEquals("sent", sent.getString("status"), sent.toString());
    assertTrue(sent.isNull("error"), sent.toString());
    MimeMessage mail = received(sent.getString("notification_id"), 1).get(0);
    assertEquals("[FIRING] PulseTest (info)", mail.getSubject());
  }

  /**
   * The {@code copies} GreenMail holds of notification {@code id} (one per recipient), waited for:
   * the server is shared by the whole class, so other tests' mail may be there too.
   */
  static List<MimeMessage> received(String id, int copies) {
    return Poll.until(
        SOON,
        copies + " copies of email notification " + id,
        () ->
            Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> id.equals(header(m, "X-Pulse-Notification-Id")))
                .toList(),
        found -> found.size() == copies);
  }

  private static String header(MimeMessage m, String name) {
    try {
      String[] values = m.getHeader(name);
      return values == null ? null : values[0];
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void recipientsMustBeAddressesAndTheBadOneIsNamed() {
    Tenant t = Tenant.create("email-invalid");
    Problems.assertProblem(
        t.call("POST", "/channels", emailJson(ONCALL, "not-an-address").toString()),
        400,
        "recipients[1]");
    Problems.assertProblem(t.call("POST", "/channels", emailJson().toString()), 400, "recipients");
    Problems.assertProblem(
        t.call("POST", "/channels", emailJson("a@pulse.test\r\nBcc: b@evil.test").toString()),
        400,
        "recipients[0]");
  }
}
