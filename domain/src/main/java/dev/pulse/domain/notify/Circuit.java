package dev.pulse.domain.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * Circuit is a channel's breaker: closed, it lets every delivery through and counts consecutive
 * failures; after {@code threshold} of them it opens and refuses deliveries for a cool-down; then
 * one delivery goes through as a probe (half open): success closes it, failure opens it again. A
 * probe that never reports back (its node died) is replaced after {@link #PROBE_LEASE}.
 *
 * @param lastError the last failure's description, kept after the circuit closes again
 * @param openedAt when the circuit last opened; null while closed
 * @param probeAt when the current probe started; null unless half open
 */
public record Circuit(
    State state, int consecutiveFailures, String lastError, Instant openedAt, Instant probeAt) {

  /** How long a half-open circuit waits for its probe before it lets another one through. */
  public static final Duration PROBE_LEASE = Duration.ofSeconds(30);

  /** Half open refusals are retried this soon, to catch the probe's result. */
  static final Duration HALF_OPEN_RETRY = Duration.ofSeconds(1);

  public static final Circuit CLOSED = new Circuit(State.CLOSED, 0, null, null, null);

  public enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  /** What a delivery may do now. */
  public enum Verdict {
    ATTEMPT,
    PROBE,
    REFUSE
  }

  /** The decision for one delivery, and until when a refused one should wait. */
  public record Permit(Verdict verdict, Instant retryAt) {}

  /** Whether a delivery may be attempted now, is the probe, or is refused until a later time. */
  public Permit permit(Instant now, Duration coolDown) {
    return switch (state) {
      case CLOSED -> new Permit(Verdict.ATTEMPT, null);
      case OPEN -> {
        Instant probeFrom = openedAt.plus(coolDown);
        yield now.isBefore(probeFrom)
            ? new Permit(Verdict.REFUSE, probeFrom)
            : new Permit(Verdict.PROBE, null);
      }
      case HALF_OPEN ->
          probeAt == null || !now.isBefore(probeAt.plus(PROBE_LEASE))
              ? new Permit(Verdict.PROBE, null)
              : new Permit(Verdict.REFUSE, now.plus(HALF_OPEN_RETRY));
    };
  }

  /** The circuit while a probe is out. */
  public Circuit probing(Instant now) {
    return new Circuit(State.HALF_OPEN, consecutiveFailures, lastError, openedAt, now);
  }

  /** After a delivery succeeded: closed, no failures counted. */
  public Circuit succeeded() {
    return new Circuit(State.CLOSED, 0, lastError, null, null);
  }

  /** After a delivery failed: one more failure; opens at the threshold, or when a probe fails. */
  public Circuit failed(String error, Instant now, int threshold) {
    int failures = consecutiveFailures + 1;
    boolean opens = state == State.HALF_OPEN || (state == State.CLOSED && failures >= threshold);
    if (opens) {
      return new Circuit(State.OPEN, failures, error, now, null);
    }
    return new Circuit(state, failures, error, openedAt, probeAt);
  }
}
