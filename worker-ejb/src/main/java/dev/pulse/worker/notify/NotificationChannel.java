package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;

/**
 * NotificationChannel is the port a notice leaves Pulse through, one implementation per channel
 * type ({@link WebhookChannel}, {@link SlackChannel}, {@link EmailChannel}). It makes one attempt
 * and says how it went; retries, the circuit breaker and fallbacks are the dispatcher's.
 */
public interface NotificationChannel {

  /** The channel type this implementation serves: webhook, slack or email. */
  String type();

  /**
   * Sends the notice to the channel once.
   *
   * @param notificationId stable across retries, so receivers can drop duplicates
   */
  Delivery send(Channel channel, Notice notice, String notificationId);
}
