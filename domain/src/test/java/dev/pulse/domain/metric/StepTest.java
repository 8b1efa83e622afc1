package dev.pulse.domain.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StepTest {

  private static final Instant T = Instant.parse("2026-11-24T10:37:42.250Z");

  @Test
  void bucketsAreAlignedToTheEpoch() {
    assertEquals(Instant.parse("2026-11-24T10:37:00Z"), Step.MINUTE.floor(T));
    assertEquals(Instant.parse("2026-11-24T10:35:00Z"), Step.FIVE_MINUTES.floor(T));
    assertEquals(Instant.parse("2026-11-24T10:00:00Z"), Step.HOUR.floor(T));
    assertEquals(Instant.parse("2026-11-24T10:38:00Z"), Step.MINUTE.ceil(T));
    assertEquals(Instant.parse("2026-11-24T11:00:00Z"), Step.HOUR.ceil(T));
  }

  @Test
  void anAlignedInstantIsItsOwnFloorAndCeiling() {
    Instant hour = Instant.parse("2026-11-24T10:00:00Z");
    for (Step step : Step.ROLLUPS) {
      assertEquals(hour, step.floor(hour));
      assertEquals(hour, step.ceil(hour));
    }
  }

  @Test
  void instantsBeforeTheEpochFloorDownwards() {
    Instant t = Instant.parse("1969-12-31T23:59:30Z");
    assertEquals(Instant.parse("1969-12-31T23:59:00Z"), Step.MINUTE.floor(t));
    assertEquals(Instant.parse("1969-12-31T23:00:00Z"), Step.HOUR.floor(t));
  }

  @Test
  void bucketsInCountsEveryBucketTheRangeTouches() {
    Instant from = Instant.parse("2026-11-24T10:00:30Z");
    assertEquals(3, Step.MINUTE.bucketsIn(from, from.plusSeconds(120))); // 10:00, 10:01, 10:02
    assertEquals(2, Step.MINUTE.bucketsIn(Step.MINUTE.floor(from), from.plusSeconds(90)));
    assertEquals(
        24, Step.HOUR.bucketsIn(Step.HOUR.floor(from), Step.HOUR.floor(from).plusSeconds(86_400)));
    assertEquals(0, Step.HOUR.bucketsIn(from, from));
  }

  @Test
  void labelsParseBackAndRawHasNoBuckets() {
    for (Step step : Step.values()) {
      assertEquals(step, Step.parse(step.label()).orElseThrow());
    }
    assertEquals(true, Step.parse("2m").isEmpty());
    assertEquals(Step.FIVE_MINUTES, Step.ofSeconds(300));
    assertThrows(IllegalStateException.class, () -> Step.RAW.floor(T));
  }
}
