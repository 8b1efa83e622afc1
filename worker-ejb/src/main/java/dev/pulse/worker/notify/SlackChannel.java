package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;

/**
 * SlackChannel POSTs a Block Kit message to a Slack incoming webhook. The URL is the channel's
 * secret: it is guarded like a webhook's, and errors never show its path.
 */
@ApplicationScoped
public class SlackChannel implements NotificationChannel {

  @Inject NotifyConfig config;

  private final WebhookSender sender = new WebhookSender();

  @Override
  public String type() {
    return Channel.SLACK;
  }

  @Override
  public Delivery send(Channel channel, Notice notice, String notificationId) {
    return WebhookChannel.guarded(channel.url(), config.notifyAllowPrivateNetworks())
        .orElseGet(
            () ->
                sender.send(
                    URI.create(channel.url()),
                    Map.of(),
                    null,
                    notificationId,
                    SlackMessage.of(notice, config.externalUrl())));
  }
}
