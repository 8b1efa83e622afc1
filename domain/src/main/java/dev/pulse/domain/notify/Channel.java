package dev.pulse.domain.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Channel is where a project's notifications go: a webhook (URL, headers sent on every POST, an
 * optional signing secret), a Slack incoming webhook (its URL is the secret) or email recipients.
 * With a {@link Grouping} its notifications are batched per group of labels; with a fallback,
 * another channel of the project receives what this one cannot deliver. Header values, the secret
 * and a Slack URL are never shown again.
 *
 * @param url the webhook or Slack URL; null for email
 * @param recipients email addresses; empty for the other types
 * @param grouping null: one notification per alert transition, as limited and digested by rules
 * @param fallback the channel that receives notifications this one cannot deliver, or null
 */
public record Channel(
    UUID id,
    String project,
    String name,
    String type,
    String url,
    Map<String, String> headers,
    String secret,
    List<String> recipients,
    Grouping grouping,
    UUID fallback,
    Instant createdAt,
    Instant updatedAt) {

  public static final String WEBHOOK = "webhook";
  public static final String SLACK = "slack";
  public static final String EMAIL = "email";

  public Channel {
    headers = headers == null ? Map.of() : headers;
    recipients = recipients == null ? List.of() : List.copyOf(recipients);
  }

  /** A webhook channel without grouping or fallback. */
  public static Channel webhook(
      UUID id,
      String project,
      String name,
      String url,
      Map<String, String> headers,
      String secret,
      Instant at) {
    return new Channel(
        id, project, name, WEBHOOK, url, headers, secret, List.of(), null, null, at, at);
  }
}
