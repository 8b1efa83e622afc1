package dev.pulse.domain.alert;

/**
 * Transition is what one evaluation did to an alert: nothing, or one of the moves of the state
 * machine inactive → pending → firing → resolved (a pending alert that stops is cancelled).
 */
public enum Transition {
  NONE,
  PENDING,
  FIRED,
  RESOLVED,
  CANCELLED;

  /** The alert's state after this transition, as the API names it. */
  public String alertState() {
    return switch (this) {
      case PENDING -> "pending";
      case FIRED -> "firing";
      case RESOLVED, CANCELLED -> "resolved";
      case NONE -> throw new IllegalStateException("no transition");
    };
  }
}
