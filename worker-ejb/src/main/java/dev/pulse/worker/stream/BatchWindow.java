package dev.pulse.worker.stream;

import java.time.Duration;

/**
 * BatchWindow decides when a micro-batch is complete: when it holds {@code maxSize} records, or
 * when {@code linger} has passed since its first record arrived — whichever comes first. It says
 * how many more records to ask for and how long the next read may wait for them.
 */
final class BatchWindow {

  private final int maxSize;
  private final long lingerNanos;
  private int size;
  private long firstArrival;

  BatchWindow(int maxSize, Duration linger) {
    if (maxSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1");
    }
    this.maxSize = maxSize;
    this.lingerNanos = linger.toNanos();
  }

  /** Records {@code count} more arrivals seen at {@code nanoTime}. */
  void add(int count, long nanoTime) {
    if (count > 0 && size == 0) {
      firstArrival = nanoTime;
    }
    size += count;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int room() {
    return Math.max(0, maxSize - size);
  }

  /** Complete when full, or when it lingered long enough (an empty window is never complete). */
  boolean isComplete(long nanoTime) {
    return size >= maxSize || (size > 0 && nanoTime - firstArrival >= lingerNanos);
  }

  /**
   * How long the next read may block, in milliseconds: {@code idleBlockMs} while empty, else the
   * linger time left (at least 1 ms, as Redis reads BLOCK 0 as "forever").
   */
  int nextBlockMs(long nanoTime, int idleBlockMs) {
    if (size == 0) {
      return idleBlockMs;
    }
    long leftNanos = lingerNanos - (nanoTime - firstArrival);
    return (int) Math.max(1, Math.min(idleBlockMs, leftNanos / 1_000_000L));
  }
}
