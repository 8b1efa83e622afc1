package dev.pulse.domain.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The breaker's state machine: closed → open at the threshold → half open after the cool-down. */
class CircuitTest {

  private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
  private static final Duration COOL_DOWN = Duration.ofSeconds(60);

  private static Circuit failures(int n) {
    Circuit c = Circuit.CLOSED;
    for (int i = 0; i < n; i++) {
      c = c.failed("HTTP 500", T0, 5);
    }
    return c;
  }

  @Test
  void staysClosedAndCountsBelowTheThreshold() {
    Circuit c = failures(4);
    assertEquals(Circuit.State.CLOSED, c.state());
    assertEquals(4, c.consecutiveFailures());
    assertEquals("HTTP 500", c.lastError());
    assertEquals(Circuit.Verdict.ATTEMPT, c.permit(T0, COOL_DOWN).verdict());
  }

  @Test
  void opensAtTheThresholdAndRefusesUntilTheCoolDownEnds() {
    Circuit c = failures(5);
    assertEquals(Circuit.State.OPEN, c.state());
    assertEquals(T0, c.openedAt());
    Circuit.Permit early = c.permit(T0.plusSeconds(59), COOL_DOWN);
    assertEquals(Circuit.Verdict.REFUSE, early.verdict());
    assertEquals(T0.plus(COOL_DOWN), early.retryAt());
    assertEquals(Circuit.Verdict.PROBE, c.permit(T0.plus(COOL_DOWN), COOL_DOWN).verdict());
  }

  @Test
  void aSuccessResetsTheCountSoFailuresMustBeConsecutive() {
    Circuit c = failures(4).succeeded().failed("x", T0, 5);
    assertEquals(Circuit.State.CLOSED, c.state());
    assertEquals(1, c.consecutiveFailures());
  }

  @Test
  void onlyOneProbeAtATimeWhileHalfOpen() {
    Instant probe = T0.plus(COOL_DOWN);
    Circuit half = failures(5).probing(probe);
    assertEquals(Circuit.State.HALF_OPEN, half.state());
    Circuit.Permit other = half.permit(probe.plusSeconds(1), COOL_DOWN);
    assertEquals(Circuit.Verdict.REFUSE, other.verdict());
    assertEquals(probe.plusSeconds(2), other.retryAt());
  }

  @Test
  void aProbeThatNeverReportsIsReplacedAfterItsLease() {
    Instant probe = T0.plus(COOL_DOWN);
    Circuit half = failures(5).probing(probe);
    assertEquals(
        Circuit.Verdict.PROBE, half.permit(probe.plus(Circuit.PROBE_LEASE), COOL_DOWN).verdict());
  }

  @Test
  void aSuccessfulProbeClosesTheCircuit() {
    Circuit closed = failures(5).probing(T0.plus(COOL_DOWN)).succeeded();
    assertEquals(Circuit.State.CLOSED, closed.state());
    assertEquals(0, closed.consecutiveFailures());
    assertNull(closed.openedAt());
    assertEquals("HTTP 500", closed.lastError(), "the last error stays visible");
  }

  @Test
  void aFailedProbeOpensItAgainForAnotherCoolDown() {
    Instant probe = T0.plus(COOL_DOWN);
    Circuit again = failures(5).probing(probe).failed("timeout", probe.plusSeconds(1), 5);
    assertEquals(Circuit.State.OPEN, again.state());
    assertEquals(probe.plusSeconds(1), again.openedAt());
    assertEquals(6, again.consecutiveFailures());
    assertEquals(Circuit.Verdict.REFUSE, again.permit(probe.plusSeconds(30), COOL_DOWN).verdict());
  }

  @Test
  void aLateFailureWhileOpenKeepsTheOpeningTime() {
    Circuit open = failures(5);
    Circuit late = open.failed("late", T0.plusSeconds(10), 5);
    assertEquals(Circuit.State.OPEN, late.state());
    assertEquals(T0, late.openedAt());
  }
}
