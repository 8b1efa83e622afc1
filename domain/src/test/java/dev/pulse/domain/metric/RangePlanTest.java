package dev.pulse.domain.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pulse.domain.metric.RangePlan.Piece;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RangePlanTest {

  private static final Instant DAY = Instant.parse("2026-11-24T00:00:00Z");

  private static Instant at(String hhmmss) {
    return Instant.parse("2026-11-24T" + hhmmss + "Z");
  }

  @Test
  void aDayAnsweredFromHoursWithFinerBucketsAndRawAtTheEdges() {
    List<Piece> plan = RangePlan.of(at("09:12:30"), at("17:48:15"), at("23:00:00"));
    assertEquals(
        List.of(
            new Piece(Step.RAW, at("09:12:30"), at("09:13:00")),
            new Piece(Step.MINUTE, at("09:13:00"), at("09:15:00")),
            new Piece(Step.FIVE_MINUTES, at("09:15:00"), at("10:00:00")),
            new Piece(Step.HOUR, at("10:00:00"), at("17:00:00")),
            new Piece(Step.FIVE_MINUTES, at("17:00:00"), at("17:45:00")),
            new Piece(Step.MINUTE, at("17:45:00"), at("17:48:00")),
            new Piece(Step.RAW, at("17:48:00"), at("17:48:15"))),
        plan);
  }

  @Test
  void samplesAfterTheRollupsAreReadRaw() {
    List<Piece> plan = RangePlan.of(at("10:00:00"), at("12:00:00"), at("11:30:20"));
    assertEquals(
        List.of(
            new Piece(Step.HOUR, at("10:00:00"), at("11:00:00")),
            new Piece(Step.FIVE_MINUTES, at("11:00:00"), at("11:30:00")),
            new Piece(Step.RAW, at("11:30:00"), at("12:00:00"))),
        plan);
  }

  @Test
  void withoutRollupsOrWithinAMinuteEverythingIsRaw() {
    assertEquals(
        List.of(new Piece(Step.RAW, at("10:00:00"), at("12:00:00"))),
        RangePlan.of(at("10:00:00"), at("12:00:00"), at("09:00:00")));
    assertEquals(
        List.of(new Piece(Step.RAW, at("10:00:10"), at("10:00:50"))),
        RangePlan.of(at("10:00:10"), at("10:00:50"), at("23:00:00")));
    assertTrue(RangePlan.of(at("10:00:00"), at("10:00:00"), at("23:00:00")).isEmpty());
  }

  @Test
  void piecesTileTheRangeWithoutGapsOrOverlapAndBucketsAreWhole() {
    Random random = new Random(3);
    for (int i = 0; i < 5000; i++) {
      Instant from = DAY.plusMillis(random.nextInt(86_400_000));
      Instant to = from.plusMillis(random.nextInt(3 * 86_400_000));
      Instant rolled = DAY.plusMillis(random.nextInt(4 * 86_400_000));
      List<Piece> plan = RangePlan.of(from, to, rolled);
      Instant cursor = from;
      for (Piece p : plan) {
        assertEquals(cursor, p.from(), "gap or overlap in " + plan);
        assertTrue(p.from().isBefore(p.to()), "empty piece in " + plan);
        if (p.step().isRollup()) {
          assertEquals(p.from(), p.step().floor(p.from()), "unaligned " + p);
          assertEquals(p.to(), p.step().floor(p.to()), "unaligned " + p);
          assertTrue(!p.to().isAfter(rolled), "bucket past the rollups " + p);
        } else {
          assertTrue(
              Duration.between(p.from(), p.to()).toSeconds() < 60
                  || !p.to().isBefore(to)
                  || !p.from().isBefore(Step.MINUTE.floor(rolled)),
              "a long raw piece inside rolled-up time " + p);
        }
        cursor = p.to();
      }
      assertEquals(from.isBefore(to) ? to : from, cursor, "range not covered by " + plan);
    }
  }
}
