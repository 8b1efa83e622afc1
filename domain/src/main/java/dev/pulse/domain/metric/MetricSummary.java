package dev.pulse.domain.metric;

/**
 * MetricSummary is what a rollup bucket (or any set of samples) keeps: count, sum, min and max,
 * which merge exactly, and a {@link QuantileSketch} for quantiles within its relative accuracy.
 * Quantiles are clamped to [min, max], and q = 0 and q = 1 are min and max exactly.
 */
public final class MetricSummary {

  private long count;
  private double sum;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private final QuantileSketch sketch;

  public MetricSummary() {
    this.sketch = new QuantileSketch();
  }

  /** A stored summary: the figures and the sketch as kept in a rollup row. */
  public static MetricSummary of(long count, double sum, double min, double max, byte[] sketch) {
    MetricSummary s = new MetricSummary(QuantileSketch.decode(sketch));
    s.count = count;
    s.sum = sum;
    s.min = min;
    s.max = max;
    return s;
  }

  private MetricSummary(QuantileSketch sketch) {
    this.sketch = sketch;
  }

  public MetricSummary add(double value) {
    count++;
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    sketch.add(value);
    return this;
  }

  public MetricSummary merge(MetricSummary other) {
    if (other.count == 0) {
      return this;
    }
    count += other.count;
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    sketch.merge(other.sketch);
    return this;
  }

  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  public double sum() {
    return sum;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  public double avg() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** The {@code q} quantile within the sketch's accuracy, NaN when empty. */
  public double quantile(double q) {
    if (count == 0) {
      return Double.NaN;
    }
    if (q == 0) {
      return min;
    }
    if (q == 1) {
      return max;
    }
    return Math.max(min, Math.min(max, sketch.quantile(q)));
  }

  public byte[] sketchBytes() {
    return sketch.encode();
  }
}
