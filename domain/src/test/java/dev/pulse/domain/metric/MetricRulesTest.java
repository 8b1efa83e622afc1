package dev.pulse.domain.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricRulesTest {

  private static final Instant FROM = Instant.parse("2026-11-24T00:00:00Z");

  @Test
  void namesAreTokensOfALimitedCharset() {
    assertTrue(MetricRules.checkName("http.server/latency:p95_ms-x").isEmpty());
    assertEquals("name is required", MetricRules.checkName("").get(0).message());
    assertEquals(1, MetricRules.checkName("cpu load").size());
    assertEquals(1, MetricRules.checkName("é").size());
    assertEquals(1, MetricRules.checkName("a".repeat(201)).size());
    assertTrue(MetricRules.checkName("a".repeat(200)).isEmpty());
  }

  @Test
  void theFinestStepThatFitsIsChosen() {
    // one hour, 3600 raw samples per series: too many raw points, 60 one-minute buckets fit
    assertEquals(
        Optional.of(Step.MINUTE), MetricRules.finestStep(FROM, FROM.plusSeconds(3600), 3, 3600));
    assertEquals(
        Optional.of(Step.RAW), MetricRules.finestStep(FROM, FROM.plusSeconds(3600), 3, 600));
    // a week: 10080 minutes, 2016 five-minute buckets, 168 hours
    assertEquals(
        Optional.of(Step.HOUR),
        MetricRules.finestStep(FROM, FROM.plusSeconds(7 * 86_400), 1, 1_000_000));
    // 50 series over a week: 8400 hourly points still fit; 100 series do not
    assertEquals(
        Optional.of(Step.HOUR),
        MetricRules.finestStep(FROM, FROM.plusSeconds(7 * 86_400), 50, 1_000_000));
    assertEquals(
        Optional.empty(),
        MetricRules.finestStep(FROM, FROM.plusSeconds(7 * 86_400), 100, 1_000_000));
    // 20 series of 900 raw points: 18,000 in all, so one-minute buckets (20 x 60)
    assertEquals(
        Optional.of(Step.MINUTE), MetricRules.finestStep(FROM, FROM.plusSeconds(3600), 20, 900));
  }
}
