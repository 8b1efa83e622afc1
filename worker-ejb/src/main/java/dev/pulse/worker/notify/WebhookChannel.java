package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Optional;

/**
 * WebhookChannel POSTs Alertmanager's webhook body to the channel's URL, signed when it has a
 * secret, after the network guard has passed the URL's current addresses.
 */
@ApplicationScoped
public class WebhookChannel implements NotificationChannel {

  @Inject NotifyConfig config;

  private final WebhookSender sender = new WebhookSender();

  @Override
  public String type() {
    return Channel.WEBHOOK;
  }

  @Override
  public Delivery send(Channel channel, Notice notice, String notificationId) {
    return guarded(channel.url(), config.notifyAllowPrivateNetworks())
        .orElseGet(
            () ->
                sender.send(
                    URI.create(channel.url()),
                    channel.headers(),
                    channel.secret(),
                    notificationId,
                    WebhookBody.of(notice, channel.name(), config.externalUrl())));
  }

  /** A failed delivery when the URL may not be called now, else empty. */
  static Optional<Delivery> guarded(String url, boolean allowPrivateNetworks) {
    if (url == null) {
      return Optional.of(new Delivery(Delivery.Outcome.FAILED, 0, "the channel has no url", null));
    }
    return NetworkGuard.refusal(URI.create(url), allowPrivateNetworks)
        .map(why -> new Delivery(Delivery.Outcome.FAILED, 0, why, null));
  }
}
