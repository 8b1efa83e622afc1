package dev.pulse.domain.alert;

import static dev.pulse.domain.rule.Drafts.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.alert.AlertState.Phase;
import dev.pulse.domain.rule.Rule;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RuleEvaluatorTest {

  private static final Instant T0 = Instant.EPOCH.plusSeconds(1_000_000);

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  private static AlertState pending(Instant since) {
    return new AlertState(Phase.PENDING, since, since);
  }

  private static AlertState firing(Instant since, Instant lastActiveAt) {
    return new AlertState(Phase.FIRING, since, lastActiveAt);
  }

  /** {@code count(error) > 100 over 5m}, no {@code for}. */
  private static final Rule IMMEDIATE = rule(d -> {});

  /** The same rule with {@code for: 1m}. */
  private static final Rule FOR_1M = rule(d -> d.forDuration = "1m");

  private static void assertVerdict(
      Verdict v, Phase phase, Transition transition, boolean confirmed) {
    assertEquals(phase, v.next().phase(), "phase");
    assertEquals(transition, v.transition(), "transition");
    assertEquals(confirmed, v.confirmed(), "confirmed");
  }

  // --- inactive ----------------------------------------------------------------------------

  @Test
  void inactiveStaysInactiveWhileConditionIsFalse() {
    Verdict v = RuleEvaluator.evaluate(IMMEDIATE, AlertState.INACTIVE, 50.0, T0);
    assertSame(AlertState.INACTIVE, v.next());
    assertVerdict(v, Phase.INACTIVE, Transition.NONE, false);
    assertFalse(v.changes());
  }

  @Test
  void valueEqualToThresholdDoesNotBreachStrictGreaterThan() {
    assertVerdict(
        RuleEvaluator.evaluate(IMMEDIATE, AlertState.INACTIVE, 100.0, T0),
        Phase.INACTIVE,
        Transition.NONE,
        false);
    assertVerdict(
        RuleEvaluator.evaluate(IMMEDIATE, AlertState.INACTIVE, 100.0001, T0),
        Phase.FIRING,
        Transition.FIRED,
        true);
  }

  @Test
  void firesDirectlyWhenForIsZero() {
    Verdict v = RuleEvaluator.evaluate(IMMEDIATE, AlertState.INACTIVE, 150.0, T0);
    assertVerdict(v, Phase.FIRING, Transition.FIRED, true);
    assertEquals(new AlertState(Phase.FIRING, T0, T0), v.next());
    assertEquals(150.0, v.value());
    assertTrue(v.changes());
  }

  @Test
  void becomesPendingWhenForIsSet() {
    Verdict v = RuleEvaluator.evaluate(FOR_1M, AlertState.INACTIVE, 150.0, T0);
    assertVerdict(v, Phase.PENDING, Transition.PENDING, true);
    assertEquals(T0, v.next().since());
  }

  // --- pending -----------------------------------------------------------------------------

  @Test
  void staysPendingUntilForHasElapsed() {
    Verdict v = RuleEvaluator.evaluate(FOR_1M, pending(T0), 150.0, at(59));
    assertVerdict(v, Phase.PENDING, Transition.NONE, true);
    assertEquals(T0, v.next().since(), "pending keeps the time it started");
    assertFalse(v.changes());
  }

  @Test
  void staysPendingOneMillisecondBeforeForHasElapsed() {
    Verdict v = RuleEvaluator.evaluate(FOR_1M, pending(T0), 150.0, at(60).minusMillis(1));
    assertVerdict(v, Phase.PENDING, Transition.NONE, true);
  }

  @Test
  void firesExactlyWhenForHasElapsed() {
    Verdict v = RuleEvaluator.evaluate(FOR_1M, pending(T0), 150.0, at(60));
    assertVerdict(v, Phase.FIRING, Transition.FIRED, true);
    assertEquals(new AlertState(Phase.FIRING, at(60), at(60)), v.next());
  }

  @Test
  void firesLongAfterForHasElapsed() {
    assertVerdict(
        RuleEvaluator.evaluate(FOR_1M, pending(T0), 150.0, at(3600)),
        Phase.FIRING,
        Transition.FIRED,
        true);
  }

  @Test
  void pendingInterruptedBeforeForElapsedIsCancelled() {
    Verdict v = RuleEvaluator.evaluate(FOR_1M, pending(T0), 50.0, at(30));
    assertSame(AlertState.INACTIVE, v.next());
    assertVerdict(v, Phase.INACTIVE, Transition.CANCELLED, false);
    assertEquals("resolved", v.transition().alertState());
  }

  @Test
  void pendingInterruptedAfterForElapsedIsStillCancelled() {
    assertVerdict(
        RuleEvaluator.evaluate(FOR_1M, pending(T0), 50.0, at(120)),
        Phase.INACTIVE,
        Transition.CANCELLED,
        false);
  }

  // --- firing ------------------------------------------------------------------------------

  @Test
  void firingWhileConditionHoldsIsConfirmedAndRecordsLastActive() {
    Verdict v = RuleEvaluator.evaluate(IMMEDIATE, firing(T0, T0), 150.0, at(30));
    assertVerdict(v, Phase.FIRING, Transition.NONE, true);
    assertEquals(new AlertState(Phase.FIRING, T0, at(30)), v.next());
  }

  @Test
  void firingResolvesAsSoonAsConditionStopsWithoutKeepFiringFor() {
    Verdict v = RuleEvaluator.evaluate(IMMEDIATE, firing(T0, at(30)), 50.0, at(31));
    assertSame(AlertState.INACTIVE, v.next());
    assertVerdict(v, Phase.INACTIVE, Transition.RESOLVED, false);
    assertEquals("resolved", v.transition().alertState());
  }

  @Test
  void keepFiringForHoldsThenResolves() {
    Rule r = rule(d -> d.keepFiringFor = "2m");
    AlertState state = firing(T0, at(60));

    Verdict held = RuleEvaluator.evaluate(r, state, 50.0, at(61));
    assertSame(state, held.next(), "held firing, lastActiveAt unchanged");
    assertVerdict(held, Phase.FIRING, Transition.NONE, false);

    Verdict stillHeld = RuleEvaluator.evaluate(r, state, 50.0, at(180).minusMillis(1));
    assertVerdict(stillHeld, Phase.FIRING, Transition.NONE, false);

    Verdict resolved = RuleEvaluator.evaluate(r, state, 50.0, at(180));
    assertVerdict(resolved, Phase.INACTIVE, Transition.RESOLVED, false);
  }

  @Test
  void keepFiringForCountsFromTheLastActiveReading() {
    Rule r = rule(d -> d.keepFiringFor = "2m");
    // active again at 150: the hold restarts from there
    AlertState s = RuleEvaluator.evaluate(r, firing(T0, T0), 150.0, at(150)).next();
    assertVerdict(
        RuleEvaluator.evaluate(r, s, 50.0, at(200)), Phase.FIRING, Transition.NONE, false);
    assertVerdict(
        RuleEvaluator.evaluate(r, s, 50.0, at(270)), Phase.INACTIVE, Transition.RESOLVED, false);
  }

  @Test
  void keepFiringForFallsBackToSinceWithoutLastActive() {
    Rule r = rule(d -> d.keepFiringFor = "2m");
    AlertState s = new AlertState(Phase.FIRING, T0, null);
    assertVerdict(
        RuleEvaluator.evaluate(r, s, 50.0, at(119)), Phase.FIRING, Transition.NONE, false);
    assertVerdict(
        RuleEvaluator.evaluate(r, s, 50.0, at(120)), Phase.INACTIVE, Transition.RESOLVED, false);
  }

  // --- hysteresis --------------------------------------------------------------------------

  @Test
  void hysteresisHoldsFiringUntilRecoverThresholdCrossed() {
    Rule r = rule(d -> d.recoverThreshold = 80.0);
    AlertState firing = firing(T0, T0);

    assertVerdict(
        RuleEvaluator.evaluate(r, firing, 90.0, at(10)), Phase.FIRING, Transition.NONE, true);
    assertVerdict(
        RuleEvaluator.evaluate(r, firing, 80.5, at(10)), Phase.FIRING, Transition.NONE, true);
    assertVerdict(
        RuleEvaluator.evaluate(r, firing, 80.0, at(10)),
        Phase.INACTIVE,
        Transition.RESOLVED,
        false);
  }

  @Test
  void hysteresisDoesNotLowerTheFiringThreshold() {
    Rule r = rule(d -> d.recoverThreshold = 80.0);
    assertVerdict(
        RuleEvaluator.evaluate(r, AlertState.INACTIVE, 90.0, T0),
        Phase.INACTIVE,
        Transition.NONE,
        false);
    assertVerdict(
        RuleEvaluator.evaluate(r, AlertState.INACTIVE, 101.0, T0),
        Phase.FIRING,
        Transition.FIRED,
        true);
  }

  @Test
  void hysteresisDoesNotHoldAPendingAlert() {
    Rule r =
        rule(
            d -> {
              d.recoverThreshold = 80.0;
              d.forDuration = "1m";
            });
    assertVerdict(
        RuleEvaluator.evaluate(r, pending(T0), 90.0, at(10)),
        Phase.INACTIVE,
        Transition.CANCELLED,
        false);
  }

  @Test
  void hysteresisWorksDownwardToo() {
    Rule r =
        rule(
            d -> {
              d.op = "<";
              d.threshold = 10.0;
              d.recoverThreshold = 20.0;
            });
    assertVerdict(
        RuleEvaluator.evaluate(r, AlertState.INACTIVE, 15.0, T0),
        Phase.INACTIVE,
        Transition.NONE,
        false);
    assertVerdict(
        RuleEvaluator.evaluate(r, AlertState.INACTIVE, 5.0, T0),
        Phase.FIRING,
        Transition.FIRED,
        true);
    assertVerdict(
        RuleEvaluator.evaluate(r, firing(T0, T0), 15.0, at(10)),
        Phase.FIRING,
        Transition.NONE,
        true);
    assertVerdict(
        RuleEvaluator.evaluate(r, firing(T0, T0), 20.0, at(10)),
        Phase.INACTIVE,
        Transition.RESOLVED,
        false);
  }

  @Test
  void hysteresisAndKeepFiringForCombine() {
    Rule r =
        rule(
            d -> {
              d.recoverThreshold = 80.0;
              d.keepFiringFor = "1m";
            });
    AlertState firing = firing(T0, T0);
    assertVerdict(
        RuleEvaluator.evaluate(r, firing, 70.0, at(30)), Phase.FIRING, Transition.NONE, false);
    assertVerdict(
        RuleEvaluator.evaluate(r, firing, 70.0, at(60)),
        Phase.INACTIVE,
        Transition.RESOLVED,
        false);
  }

  // --- no data -----------------------------------------------------------------------------

  @Test
  void noDataOkCountsAsConditionFalse() {
    assertVerdict(
        RuleEvaluator.evaluate(IMMEDIATE, AlertState.INACTIVE, null, T0),
        Phase.INACTIVE,
        Transition.NONE,
        false);
    assertVerdict(
        RuleEvaluator.evaluate(IMMEDIATE, firing(T0, T0), null, at(10)),
        Phase.INACTIVE,
        Transition.RESOLVED,
        false);
    assertVerdict(
        RuleEvaluator.evaluate(FOR_1M, pending(T0), null, at(10)),
        Phase.INACTIVE,
        Transition.CANCELLED,
        false);
  }

  @Test
  void noDataAlertingCountsAsConditionTrue() {
    Rule r = rule(d -> d.noData = "alerting");
    Verdict v = RuleEvaluator.evaluate(r, AlertState.INACTIVE, null, T0);
    assertVerdict(v, Phase.FIRING, Transition.FIRED, true);
    assertNull(v.value());
    assertVerdict(
        RuleEvaluator.evaluate(r, firing(T0, T0), null, at(10)),
        Phase.FIRING,
        Transition.NONE,
        true);
  }

  @ParameterizedTest
  @EnumSource(Phase.class)
  void noDataKeepLeavesStateUntouched(Phase phase) {
    Rule r =
        rule(
            d -> {
              d.noData = "keep";
              d.forDuration = "1m";
            });
    AlertState state =
        phase == Phase.INACTIVE ? AlertState.INACTIVE : new AlertState(phase, T0, T0);
    // even long after for / keep_firing_for would have changed it
    Verdict v = RuleEvaluator.evaluate(r, state, null, at(86_400));
    assertSame(state, v.next());
    assertVerdict(v, phase, Transition.NONE, false);
    assertNull(v.value());
  }

  @Test
  void noDataKeepStillEvaluatesRealValues() {
    Rule r = rule(d -> d.noData = "keep");
    assertVerdict(
        RuleEvaluator.evaluate(r, firing(T0, T0), 50.0, at(10)),
        Phase.INACTIVE,
        Transition.RESOLVED,
        false);
  }

  // --- absence -----------------------------------------------------------------------------

  private static final Rule ABSENT_5M = rule(d -> d.absence().window = "5m");

  @Test
  void absenceFiresAtWindowBoundary() {
    assertVerdict(
        RuleEvaluator.evaluate(ABSENT_5M, AlertState.INACTIVE, 299.999, T0),
        Phase.INACTIVE,
        Transition.NONE,
        false);
    assertVerdict(
        RuleEvaluator.evaluate(ABSENT_5M, AlertState.INACTIVE, 300.0, T0),
        Phase.FIRING,
        Transition.FIRED,
        true);
  }

  @Test
  void absenceWithSubSecondWindowComparesInMilliseconds() {
    Rule r = rule(d -> d.absence().window = "1500ms");
    assertVerdict(
        RuleEvaluator.evaluate(r, AlertState.INACTIVE, 1.499, T0),
        Phase.INACTIVE,
        Transition.NONE,
        false);
    assertVerdict(
        RuleEvaluator.evaluate(r, AlertState.INACTIVE, 1.5, T0),
        Phase.FIRING,
        Transition.FIRED,
        true);
  }

  @Test
  void absenceResolvesWhenTheGroupReportsAgain() {
    assertVerdict(
        RuleEvaluator.evaluate(ABSENT_5M, firing(T0, T0), 3.0, at(400)),
        Phase.INACTIVE,
        Transition.RESOLVED,
        false);
  }

  @Test
  void absenceWithoutAValueIsNotSilentWhateverNoDataSays() {
    for (String noData : new String[] {"ok", "alerting", "keep"}) {
      Rule r =
          rule(
              d -> {
                d.absence().window = "5m";
                d.noData = noData;
              });
      assertVerdict(
          RuleEvaluator.evaluate(r, AlertState.INACTIVE, null, T0),
          Phase.INACTIVE,
          Transition.NONE,
          false);
    }
  }

  @Test
  void absenceHonoursFor() {
    Rule r =
        rule(
            d -> {
              d.absence().window = "5m";
              d.forDuration = "1m";
            });
    Verdict p = RuleEvaluator.evaluate(r, AlertState.INACTIVE, 300.0, T0);
    assertVerdict(p, Phase.PENDING, Transition.PENDING, true);
    assertVerdict(
        RuleEvaluator.evaluate(r, p.next(), 360.0, at(60)), Phase.FIRING, Transition.FIRED, true);
  }

  // --- change rules and transitions --------------------------------------------------------

  @Test
  void changeRulesCompareTheChangeWithTheThreshold() {
    Rule r =
        rule(
            d -> {
              d.kind = "change";
              d.change = "percent";
              d.op = ">=";
              d.threshold = 50.0;
            });
    assertVerdict(
        RuleEvaluator.evaluate(r, AlertState.INACTIVE, 50.0, T0),
        Phase.FIRING,
        Transition.FIRED,
        true);
    assertVerdict(
        RuleEvaluator.evaluate(r, AlertState.INACTIVE, 49.9, T0),
        Phase.INACTIVE,
        Transition.NONE,
        false);
  }

  @Test
  void fullLifecycleThroughPendingFiringAndResolved() {
    Rule r = FOR_1M;
    Verdict v1 = RuleEvaluator.evaluate(r, AlertState.INACTIVE, 150.0, T0);
    Verdict v2 = RuleEvaluator.evaluate(r, v1.next(), 150.0, at(30));
    Verdict v3 = RuleEvaluator.evaluate(r, v2.next(), 150.0, at(60));
    Verdict v4 = RuleEvaluator.evaluate(r, v3.next(), 150.0, at(90));
    Verdict v5 = RuleEvaluator.evaluate(r, v4.next(), 10.0, at(120));
    assertEquals(Transition.PENDING, v1.transition());
    assertEquals(Transition.NONE, v2.transition());
    assertEquals(Transition.FIRED, v3.transition());
    assertEquals(Transition.NONE, v4.transition());
    assertEquals(Transition.RESOLVED, v5.transition());
    assertFalse(v5.next().isOpen());
    assertTrue(v4.next().isOpen());
  }

  @Test
  void transitionsNameTheApiState() {
    assertEquals("pending", Transition.PENDING.alertState());
    assertEquals("firing", Transition.FIRED.alertState());
    assertEquals("resolved", Transition.RESOLVED.alertState());
    assertEquals("resolved", Transition.CANCELLED.alertState());
    assertThrows(IllegalStateException.class, Transition.NONE::alertState);
  }
}
