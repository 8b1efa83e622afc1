package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;
import java.util.Properties;

/**
 * EmailChannel sends a notice as a multipart/alternative email (plain text and HTML) to the
 * channel's recipients through the SMTP server of PULSE_SMTP_* (Jakarta Mail, Liberty's mail-2.1).
 * Refused recipients fail the notification for good; anything else (connection, authentication, a
 * busy server) is worth retrying.
 */
@ApplicationScoped
public class EmailChannel implements NotificationChannel {

  private static final String TIMEOUT_MS = "10000";

  @Inject NotifyConfig config;

  @Override
  public String type() {
    return Channel.EMAIL;
  }

  @Override
  public Delivery send(Channel channel, Notice notice, String notificationId) {
    if (config.smtpHost().isEmpty()) {
      return new Delivery(
          Delivery.Outcome.FAILED, 0, "no SMTP server is configured (PULSE_SMTP_HOST)", null);
    }
    ErrorText errors = new ErrorText(null, null, config.smtpPassword().orElse(null));
    try {
      Session session = Session.getInstance(properties());
      MimeMessage message = message(session, channel, notice, notificationId);
      if (config.smtpUser().isPresent()) {
        Transport.send(message, config.smtpUser().get(), config.smtpPassword().orElse(""));
      } else {
        Transport.send(message);
      }
      return new Delivery(Delivery.Outcome.SENT, 0, null, null);
    } catch (SendFailedException e) {
      boolean refused = e.getInvalidAddresses() != null && e.getInvalidAddresses().length > 0;
      Delivery.Outcome outcome = refused ? Delivery.Outcome.FAILED : Delivery.Outcome.RETRY;
      return new Delivery(outcome, 0, errors.exception(e), null);
    } catch (MessagingException e) {
      return new Delivery(Delivery.Outcome.RETRY, 0, errors.exception(e), null);
    }
  }

  private MimeMessage message(Session session, Channel channel, Notice notice, String id)
      throws MessagingException {
    EmailMessage email = EmailMessage.of(notice, config.externalUrl());
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress(config.smtpFrom()));
    message.setRecipients(
        Message.RecipientType.TO, InternetAddress.parse(String.join(",", channel.recipients())));
    message.setSubject(email.subject(), "UTF-8");
    message.setHeader("X-Pulse-Notification-Id", id);
    message.setSentDate(new Date());
    MimeBodyPart text = new MimeBodyPart();
    text.setText(email.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(email.html(), "UTF-8", "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    return message;
  }

  private Properties properties() {
    Properties p = new Properties();
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", config.smtpHost().orElseThrow());
    p.setProperty("mail.smtp.port", Integer.toString(config.smtpPort()));
    p.setProperty("mail.smtp.from", config.smtpFrom());
    p.setProperty("mail.smtp.connectiontimeout", TIMEOUT_MS);
    p.setProperty("mail.smtp.timeout", TIMEOUT_MS);
    p.setProperty("mail.smtp.writetimeout", TIMEOUT_MS);
    if (config.smtpStartTls()) {
      p.setProperty("mail.smtp.starttls.enable", "true");
      p.setProperty("mail.smtp.starttls.required", "true");
    }
    if (config.smtpUser().isPresent()) {
      p.setProperty("mail.smtp.auth", "true");
    }
    return p;
  }
}
