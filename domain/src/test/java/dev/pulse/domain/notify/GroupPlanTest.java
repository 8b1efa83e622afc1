package dev.pulse.domain.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What one flush of a group announces: news, then only changes, then repeats. */
class GroupPlanTest {

  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  private static final Duration REPEAT = Duration.ofHours(4);

  private static Map<String, String> map(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  @Test
  void theFirstFlushAnnouncesEveryFiringAlertAtOnce() {
    GroupPlan p =
        GroupPlan.of(map("a", "firing", "b", "firing", "c", "firing"), map(), null, NOW, REPEAT);
    assertEquals(map("a", "firing", "b", "firing", "c", "firing"), p.send());
    assertFalse(p.repeat());
    assertEquals(map("a", "firing", "b", "firing", "c", "firing"), p.notified());
  }

  @Test
  void laterFlushesCarryOnlyWhatIsNewOrResolved() {
    GroupPlan p =
        GroupPlan.of(
            map("a", "firing", "b", "resolved", "c", "firing", "d", "firing"),
            map("a", "firing", "b", "firing", "c", "firing"),
            NOW.minusSeconds(300),
            NOW,
            REPEAT);
    assertEquals(map("b", "resolved", "d", "firing"), p.send());
    assertEquals(map("a", "firing", "c", "firing", "d", "firing"), p.notified());
    assertEquals(List.of("b"), p.dropped());
  }

  @Test
  void anAlertResolvedBeforeItWasAnnouncedIsDroppedSilently() {
    GroupPlan p = GroupPlan.of(map("a", "resolved"), map(), null, NOW, REPEAT);
    assertFalse(p.sends());
    assertEquals(List.of("a"), p.dropped());
    assertTrue(p.notified().isEmpty());
  }

  @Test
  void nothingChangedAndTheRepeatIntervalNotYetPassedSendsNothing() {
    GroupPlan p =
        GroupPlan.of(
            map("a", "firing"), map("a", "firing"), NOW.minus(REPEAT).plusSeconds(1), NOW, REPEAT);
    assertFalse(p.sends());
  }

  @Test
  void afterTheRepeatIntervalEverythingStillFiringIsRepeated() {
    GroupPlan p =
        GroupPlan.of(
            map("a", "firing", "b", "firing"),
            map("a", "firing", "b", "firing"),
            NOW.minus(REPEAT),
            NOW,
            REPEAT);
    assertTrue(p.repeat());
    assertEquals(map("a", "firing", "b", "firing"), p.send());
  }

  @Test
  void aChangeIsSentAsAChangeNotAsARepeat() {
    GroupPlan p =
        GroupPlan.of(
            map("a", "firing", "b", "firing"),
            map("a", "firing"),
            NOW.minus(REPEAT.multipliedBy(2)),
            NOW,
            REPEAT);
    assertFalse(p.repeat());
    assertEquals(map("b", "firing"), p.send());
  }

  @Test
  void theGroupWaitsGroupWaitFirstThenGroupInterval() {
    Grouping g =
        new Grouping(List.of("alertname"), Duration.ofSeconds(10), Duration.ofMinutes(5), REPEAT);
    assertEquals(NOW.plusSeconds(10), GroupPlan.nextFlush(NOW, null, g));
    assertEquals(NOW.plusSeconds(300), GroupPlan.nextFlush(NOW.minusSeconds(60), NOW, g));
  }

  @Test
  void groupLabelsAreTheGroupByValuesOrEverythingForDots() {
    Map<String, String> labels = map("alertname", "Storm", "host", "h1", "severity", "critical");
    assertEquals(
        map("alertname", "Storm"),
        new Grouping(List.of("alertname", "missing"), null, null, null).groupLabels(labels));
    assertEquals(Map.of(), new Grouping(List.of(), null, null, null).groupLabels(labels));
    assertEquals(labels, new Grouping(List.of("..."), null, null, null).groupLabels(labels));
    Grouping defaults = new Grouping(List.of(), null, null, null);
    assertEquals(Duration.ofSeconds(10), defaults.groupWait());
    assertEquals(Duration.ofMinutes(5), defaults.groupInterval());
    assertEquals(Duration.ofHours(4), defaults.repeatInterval());
  }
}
