package it.dev.pulse.alerting;

import static it.dev.pulse.alerting.AlertingFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import it.dev.pulse.support.Problems;
import it.dev.pulse.support.PulseServer;
import it.dev.pulse.support.TestEnv;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
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
      new GreenMailExtension(new ServerSetup(TestEnv.smtpPort(), "127.0.0.1", "smtp"));

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

    assertTrue(SMTP.waitForIncomingEmail(SOON.toMillis(), 2), "one email, a copy per recipient");
    MimeMessage mail = SMTP.getReceivedMessages()[0];
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
    String link = "/live/#/alerts/" + alert.getString("id");
    assertTrue(plain.contains("Errors on checkout-api <b>&</b>"), plain);
    assertTrue(plain.contains(link) && plain.contains("team=payments"), plain);
    assertTrue(markup.contains("Errors on checkout-api &lt;b&gt;&amp;&lt;/b&gt;"), markup);
    assertFalse(markup.contains("<b>&</b>"), markup);
    assertTrue(markup.contains(link) && markup.contains("team=payments"), markup);
    SlackChannelIT.awaitSent(t, alert.getString("id"));
  }

  @Test
  void theTestEndpointSendsAnEmail() throws Exception {
    Tenant t = Tenant.create("email-test");
    String id = t.expect(201, "POST", "/channels", emailJson(ONCALL).toString()).getString("id");
    t.expect(202, "POST", "/channels/" + id + "/test", null);
    assertTrue(SMTP.waitForIncomingEmail(SOON.toMillis(), 1));
    assertEquals("[FIRING] PulseTest (info)", SMTP.getReceivedMessages()[0].getSubject());
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
