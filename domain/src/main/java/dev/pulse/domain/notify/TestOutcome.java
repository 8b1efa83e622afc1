package dev.pulse.domain.notify;

import java.time.Duration;
import java.util.UUID;

/**
 * TestOutcome is what became of a test notification sent to a channel.
 *
 * @param status sent, failed, or pending when no attempt was made within the bound
 * @param httpStatus the receiver's answer; null when none arrived
 * @param error why the attempt failed; null when sent or pending
 * @param duration from queuing to the attempt's end; the time waited when pending
 */
public record TestOutcome(
    UUID notificationId, String status, Integer httpStatus, String error, Duration duration) {

  public static final String SENT = "sent";
  public static final String FAILED = "failed";
  public static final String PENDING = "pending";
}
