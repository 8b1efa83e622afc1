package dev.pulse.domain.metric;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * QuantileSketch estimates quantiles with a bounded relative error, and two sketches merge into the
 * sketch of the union of their values — so a day's p95 comes from 24 hourly sketches, never from an
 * average of averages. Values go into logarithmic buckets: bucket {@code i} holds the magnitudes in
 * {@code (γ^(i-1), γ^i]} with {@code γ = (1+α)/(1-α)}, and a quantile is reported as the bucket's
 * midpoint {@code 2γ^i/(γ+1)}, within {@value #RELATIVE_ACCURACY} (α) of the true value. Negative
 * values have buckets of their own; magnitudes below {@value #MIN_MAGNITUDE} count as zero.
 *
 * <p>The quantile {@code q} of {@code n} values is the nearest-rank one: the value of rank {@code
 * max(0, ⌈q·n⌉ − 1)} (0-based) in sorted order, so at least a fraction q of the values are at or
 * below it.
 */
public final class QuantileSketch {

  /** The relative accuracy α of every quantile (1 %). */
  public static final double RELATIVE_ACCURACY = 0.01;

  /** Magnitudes below this are counted as zero. */
  public static final double MIN_MAGNITUDE = 1e-12;

  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LN_GAMMA = Math.log(GAMMA);
  private static final byte FORMAT = 1;

  private final TreeMap<Integer, Long> positive = new TreeMap<>();
  private final TreeMap<Integer, Long> negative = new TreeMap<>();
  private long zero;
  private long count;

  public void add(double value) {
    add(value, 1);
  }

  private void add(double value, long times) {
    double magnitude = Math.abs(value);
    if (magnitude < MIN_MAGNITUDE) {
      zero += times;
    } else {
      (value > 0 ? positive : negative).merge(index(magnitude), times, Long::sum);
    }
    count += times;
  }

  /** Adds every value of {@code other} to this sketch. */
  public void merge(QuantileSketch other) {
    other.positive.forEach((i, n) -> positive.merge(i, n, Long::sum));
    other.negative.forEach((i, n) -> negative.merge(i, n, Long::sum));
    zero += other.zero;
    count += other.count;
  }

  public long count() {
    return count;
  }

  /**
   * The estimate of the {@code q} quantile (0 ≤ q ≤ 1), or NaN when the sketch is empty.
   *
   * @throws IllegalArgumentException for q outside [0, 1]
   */
  public double quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1]: " + q);
    }
    if (count == 0) {
      return Double.NaN;
    }
    long rank = Math.max(0, (long) Math.ceil(q * count) - 1);
    long seen = 0;
    // Most negative first: the largest negative index is the largest magnitude.
    for (Map.Entry<Integer, Long> b : negative.descendingMap().entrySet()) {
      seen += b.getValue();
      if (seen > rank) {
        return -value(b.getKey());
      }
    }
    seen += zero;
    if (seen > rank) {
      return 0;
    }
    for (Map.Entry<Integer, Long> b : positive.entrySet()) {
      seen += b.getValue();
      if (seen > rank) {
        return value(b.getKey());
      }
    }
    return value(positive.lastKey()); // unreachable while counts add up
  }

  /** The sketch as bytes, for storage beside its rollup bucket; read back with {@link #decode}. */
  public byte[] encode() {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream(16 + 4 * (positive.size() + negative.size()));
    out.write(FORMAT);
    writeVarLong(out, zero);
    writeStore(out, positive);
    writeStore(out, negative);
    return out.toByteArray();
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a sketch of this format
   */
  public static QuantileSketch decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0 || bytes[0] != FORMAT) {
      throw new IllegalArgumentException("not a quantile sketch of format " + FORMAT);
    }
    QuantileSketch sketch = new QuantileSketch();
    int[] at = {1};
    try {
      sketch.zero = readVarLong(bytes, at);
      sketch.count = sketch.zero;
      sketch.count += readStore(bytes, at, sketch.positive);
      sketch.count += readStore(bytes, at, sketch.negative);
    } catch (ArrayIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated quantile sketch", e);
    }
    return sketch;
  }

  static int index(double magnitude) {
    return (int) Math.ceil(Math.log(magnitude) / LN_GAMMA);
  }

  static double value(int index) {
    return 2 * Math.pow(GAMMA, index) / (GAMMA + 1);
  }

  // Buckets as (index delta, count) pairs of variable-length integers: a minute of a slowly
  // moving series is a few dozen bytes.
  private static void writeStore(ByteArrayOutputStream out, TreeMap<Integer, Long> store) {
    writeVarLong(out, store.size());
    long previous = 0;
    for (Map.Entry<Integer, Long> b : store.entrySet()) {
      long delta = b.getKey() - previous;
      writeVarLong(out, (delta << 1) ^ (delta >> 63)); // zigzag: small negatives stay small
      writeVarLong(out, b.getValue());
      previous = b.getKey();
    }
  }

  private static long readStore(byte[] in, int[] at, TreeMap<Integer, Long> store) {
    long buckets = readVarLong(in, at);
    long total = 0;
    long index = 0;
    for (long i = 0; i < buckets; i++) {
      long zigzag = readVarLong(in, at);
      index += (zigzag >>> 1) ^ -(zigzag & 1);
      long n = readVarLong(in, at);
      store.put((int) index, n);
      total += n;
    }
    return total;
  }

  private static void writeVarLong(ByteArrayOutputStream out, long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarLong(byte[] in, int[] at) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in[at[0]++];
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("malformed quantile sketch");
  }
}
