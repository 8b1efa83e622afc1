package dev.pulse.domain.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlappingTest {

  private static final Instant T0 = Instant.EPOCH.plusSeconds(1_000_000);
  private static final Flapping STANDARD = Flapping.standard();

  private static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /** Records a change at each of the given seconds, as the caller would, and returns the list. */
  private static List<Instant> changesAt(long... seconds) {
    List<Instant> changes = new ArrayList<>();
    for (long s : seconds) {
      changes = STANDARD.record(changes, at(s));
    }
    return changes;
  }

  @Test
  void standardIsSixChangesInTenMinutesStableAfterTen() {
    assertEquals(new Flapping(6, Duration.ofMinutes(10), Duration.ofMinutes(10)), STANDARD);
  }

  @Test
  void fiveChangesWithinTheWindowAreNotFlapping() {
    List<Instant> changes = changesAt(0, 60, 120, 180, 240);
    assertFalse(STANDARD.isFlapping(false, changes, at(240)));
  }

  @Test
  void sixChangesWithinTenMinutesAreFlapping() {
    List<Instant> changes = changesAt(0, 60, 120, 180, 240, 300);
    assertTrue(STANDARD.isFlapping(false, changes, at(300)));
  }

  @Test
  void sixChangesJustInsideTenMinutesAreFlapping() {
    List<Instant> changes = changesAt(1, 120, 240, 360, 480, 600);
    assertTrue(STANDARD.isFlapping(false, changes, at(600)));
  }

  @Test
  void sixChangesSpreadOverMoreThanTenMinutesAreNotFlapping() {
    List<Instant> changes = changesAt(0, 120, 240, 360, 480, 600);
    assertEquals(5, changes.size(), "the change at 0 is exactly 10 minutes old and dropped");
    assertFalse(STANDARD.isFlapping(false, changes, at(600)));
  }

  @Test
  void recordDropsChangesThatLeftTheWindowAndAppendsNow() {
    List<Instant> kept = STANDARD.record(List.of(at(0), at(100), at(500)), at(700));
    assertEquals(List.of(at(500), at(700)), kept);
  }

  @Test
  void recentKeepsChangesYoungerThanTheWindow() {
    List<Instant> changes = List.of(at(0), at(1), at(300));
    assertEquals(List.of(at(1), at(300)), STANDARD.recent(changes, at(600)));
    assertEquals(List.of(), STANDARD.recent(changes, at(900)));
  }

  @Test
  void staysFlappingUntilTenMinutesAfterTheLastChange() {
    List<Instant> changes = changesAt(0, 60, 120, 180, 240, 300);
    assertTrue(STANDARD.isFlapping(false, changes, at(300)));
    // at 720 only 180, 240, 300 remain in the window, but the last change was 7 minutes ago
    assertTrue(STANDARD.isFlapping(true, changes, at(720)));
    assertTrue(STANDARD.isFlapping(true, changes, at(899)));
    assertFalse(STANDARD.isFlapping(true, changes, at(900)));
  }

  @Test
  void aNewChangeWhileFlappingExtendsIt() {
    List<Instant> changes = changesAt(0, 60, 120, 180, 240, 300);
    changes = STANDARD.record(changes, at(800));
    assertTrue(STANDARD.isFlapping(true, changes, at(1300)));
    assertFalse(STANDARD.isFlapping(true, changes, at(1400)));
  }

  @Test
  void notFlappingBeforeIsNotMadeFlappingByAFewRecentChanges() {
    List<Instant> changes = changesAt(0, 60);
    assertFalse(STANDARD.isFlapping(false, changes, at(120)));
  }

  @Test
  void noChangesIsNeverFlapping() {
    assertFalse(STANDARD.isFlapping(false, List.of(), T0));
    assertFalse(STANDARD.isFlapping(true, List.of(), T0));
  }

  @Test
  void oldChangesDropOutOfTheWindow() {
    List<Instant> changes = changesAt(0, 10, 20, 30, 40);
    // the sixth change comes 11 minutes later: the first five have left the window
    changes = STANDARD.record(changes, at(700));
    assertEquals(List.of(at(700)), changes);
    assertFalse(STANDARD.isFlapping(false, changes, at(700)));
  }
}
