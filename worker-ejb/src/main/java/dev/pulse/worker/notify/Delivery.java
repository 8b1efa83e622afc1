package dev.pulse.worker.notify;

import java.time.Duration;

/**
 * Delivery is the result of one attempt to send a notification: sent, worth retrying, or failed for
 * good, with what the receiver answered.
 *
 * @param httpStatus 0 when no response arrived
 * @param error null when sent; a short description free of secrets and header values
 * @param retryAfter the receiver's Retry-After hint, or null
 */
public record Delivery(Outcome outcome, int httpStatus, String error, Duration retryAfter) {

  /** What to do with the notification after the attempt. */
  public enum Outcome {
    SENT,
    RETRY,
    FAILED
  }
}
