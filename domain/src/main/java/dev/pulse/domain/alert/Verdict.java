package dev.pulse.domain.alert;

/**
 * Verdict is the outcome of evaluating one fingerprint: its next state, the transition that led
 * there, and whether the reading confirmed an alert that stays open ({@code occurrences}).
 */
public record Verdict(AlertState next, Transition transition, boolean confirmed, Double value) {

  public boolean changes() {
    return transition != Transition.NONE;
  }
}
