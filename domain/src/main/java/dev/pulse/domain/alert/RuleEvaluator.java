package dev.pulse.domain.alert;

import dev.pulse.domain.rule.Rule;
import java.time.Duration;
import java.time.Instant;

/**
 * RuleEvaluator is the pure state machine of one fingerprint: given the rule, where the alert
 * stands and the window's current value, it returns where the alert goes. It holds no state, so any
 * node, given the same inputs, reaches the same verdict.
 */
public final class RuleEvaluator {

  private RuleEvaluator() {}

  /**
   * @param value the window's aggregate (for absence rules: how long the group has been silent, in
   *     seconds); null when the window holds no data
   */
  public static Verdict evaluate(Rule rule, AlertState state, Double value, Instant now) {
    Boolean active = condition(rule, state, value);
    if (active == null) {
      return new Verdict(state, Transition.NONE, false, value); // no_data: keep
    }
    return switch (state.phase()) {
      case INACTIVE -> fromInactive(rule, active, value, now);
      case PENDING -> fromPending(rule, state, active, value, now);
      case FIRING -> fromFiring(rule, state, active, value, now);
    };
  }

  /** True when the rule's condition holds; null when there is no data and the rule keeps state. */
  static Boolean condition(Rule rule, AlertState state, Double value) {
    if (rule.kind() == Rule.Kind.ABSENCE) {
      return value != null && value * 1000 >= rule.window().toMillis();
    }
    if (value == null) {
      return switch (rule.noData()) {
        case OK -> false;
        case ALERTING -> true;
        case KEEP -> null;
      };
    }
    double limit =
        state.phase() == AlertState.Phase.FIRING && rule.recoverThreshold() != null
            ? rule.recoverThreshold() // hysteresis: firing holds until the value crosses this
            : rule.threshold();
    return rule.op().test(value, limit);
  }

  private static Verdict fromInactive(Rule rule, boolean active, Double value, Instant now) {
    if (!active) {
      return new Verdict(AlertState.INACTIVE, Transition.NONE, false, value);
    }
    if (rule.forDuration().isZero()) {
      return new Verdict(
          new AlertState(AlertState.Phase.FIRING, now, now), Transition.FIRED, true, value);
    }
    return new Verdict(
        new AlertState(AlertState.Phase.PENDING, now, now), Transition.PENDING, true, value);
  }

  private static Verdict fromPending(
      Rule rule, AlertState state, boolean active, Double value, Instant now) {
    if (!active) {
      return new Verdict(AlertState.INACTIVE, Transition.CANCELLED, false, value);
    }
    if (!Duration.between(state.since(), now).minus(rule.forDuration()).isNegative()) {
      return new Verdict(
          new AlertState(AlertState.Phase.FIRING, now, now), Transition.FIRED, true, value);
    }
    return new Verdict(
        new AlertState(AlertState.Phase.PENDING, state.since(), now), Transition.NONE, true, value);
  }

  private static Verdict fromFiring(
      Rule rule, AlertState state, boolean active, Double value, Instant now) {
    if (active) {
      return new Verdict(
          new AlertState(AlertState.Phase.FIRING, state.since(), now),
          Transition.NONE,
          true,
          value);
    }
    Instant lastActive = state.lastActiveAt() == null ? state.since() : state.lastActiveAt();
    if (Duration.between(lastActive, now).compareTo(rule.keepFiringFor()) < 0) {
      return new Verdict(state, Transition.NONE, false, value); // keep_firing_for holds it
    }
    return new Verdict(AlertState.INACTIVE, Transition.RESOLVED, false, value);
  }
}
