package dev.pulse.domain.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuantileSketchTest {

  private static final double[] QS = {0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1};

  /** The exact nearest-rank quantile: rank max(0, ⌈q·n⌉ − 1) of the sorted values. */
  static double exact(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
  }

  static void assertWithinAccuracy(double expected, double actual, String what) {
    double bound = QuantileSketch.RELATIVE_ACCURACY * Math.abs(expected) + 1e-12;
    assertTrue(
        Math.abs(actual - expected) <= bound,
        what + ": expected " + expected + " ± " + bound + ", got " + actual);
  }

  private static void assertSketchAccurate(double[] values) {
    QuantileSketch sketch = new QuantileSketch();
    for (double v : values) {
      sketch.add(v);
    }
    for (double q : QS) {
      assertWithinAccuracy(exact(values, q), sketch.quantile(q), "q=" + q);
    }
  }

  @Test
  void latenciesSpreadOverSixDecadesStayWithinOnePercent() {
    Random random = new Random(42);
    double[] values = new double[20_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.exp(random.nextGaussian() * 3); // log-normal: 1e-4 .. 1e4
    }
    assertSketchAccurate(values);
  }

  @Test
  void negativeZeroAndPositiveValuesTogether() {
    double[] values = new double[2001];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i - 1000) * 0.37; // -370 .. 370, one exact zero
    }
    assertSketchAccurate(values);
  }

  @Test
  void aSingleValueAndIdenticalValues() {
    assertSketchAccurate(new double[] {12.5});
    assertSketchAccurate(new double[] {3, 3, 3, 3});
  }

  @Test
  void mergedSketchesAnswerForTheUnion() {
    Random random = new Random(7);
    double[] all = new double[6000];
    QuantileSketch merged = new QuantileSketch();
    for (int part = 0; part < 6; part++) {
      QuantileSketch piece = new QuantileSketch();
      for (int i = 0; i < 1000; i++) {
        double v = 50 + part * 20 + random.nextDouble() * 100;
        all[part * 1000 + i] = v;
        piece.add(v);
      }
      merged.merge(QuantileSketch.decode(piece.encode()));
    }
    assertEquals(6000, merged.count());
    for (double q : QS) {
      assertWithinAccuracy(exact(all, q), merged.quantile(q), "q=" + q);
    }
  }

  @Test
  void encodingRoundTripsAndStaysSmall() {
    QuantileSketch sketch = new QuantileSketch();
    for (int i = 0; i < 60; i++) {
      sketch.add(0.120 + i * 0.001); // a minute of latencies around 150 ms
    }
    sketch.add(0);
    sketch.add(-4);
    byte[] bytes = sketch.encode();
    QuantileSketch back = QuantileSketch.decode(bytes);
    assertEquals(sketch.count(), back.count());
    for (double q : QS) {
      assertEquals(sketch.quantile(q), back.quantile(q));
    }
    assertTrue(bytes.length < 200, "encoded size " + bytes.length);
  }

  @Test
  void emptyAndInvalidInput() {
    assertTrue(Double.isNaN(new QuantileSketch().quantile(0.5)));
    assertThrows(IllegalArgumentException.class, () -> new QuantileSketch().quantile(1.5));
    assertThrows(IllegalArgumentException.class, () -> QuantileSketch.decode(new byte[] {9}));
    assertThrows(IllegalArgumentException.class, () -> QuantileSketch.decode(new byte[] {1, 5, 3}));
  }

  @Test
  void summaryClampsQuantilesToItsMinAndMax() {
    MetricSummary one = new MetricSummary().add(0.123456);
    assertEquals(0.123456, one.quantile(0.95));
    MetricSummary stored =
        MetricSummary.of(one.count(), one.sum(), one.min(), one.max(), one.sketchBytes());
    MetricSummary merged = new MetricSummary().add(10).add(20).merge(stored);
    assertEquals(3, merged.count());
    assertEquals(30.123456, merged.sum(), 1e-12);
    assertEquals(0.123456, merged.min());
    assertEquals(20, merged.max());
    assertEquals(20, merged.quantile(1));
  }
}
