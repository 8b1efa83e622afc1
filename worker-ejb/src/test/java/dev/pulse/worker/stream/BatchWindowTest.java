package dev.pulse.worker.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchWindowTest {

  private static final long MS = 1_000_000L;
  private static final long T0 = 5_000 * MS;
  private static final Duration LINGER = Duration.ofMillis(1_000);

  @Test
  void rejectsMaxSizeBelowOne() {
    assertThrows(IllegalArgumentException.class, () -> new BatchWindow(0, LINGER));
  }

  @Test
  void isCompleteAsSoonAsFull() {
    BatchWindow window = new BatchWindow(3, LINGER);
    window.add(2, T0);
    assertFalse(window.isComplete(T0));

    window.add(1, T0 + MS);

    assertTrue(window.isComplete(T0 + MS));
  }

  @Test
  void isCompleteWhenReadsOverfillIt() {
    BatchWindow window = new BatchWindow(3, LINGER);

    window.add(5, T0);

    assertTrue(window.isComplete(T0));
  }

  @Test
  void isCompleteOnceLingerElapsedWithOneRecord() {
    BatchWindow window = new BatchWindow(100, LINGER);
    window.add(1, T0);

    assertFalse(window.isComplete(T0 + 1_000 * MS - 1));
    assertTrue(window.isComplete(T0 + 1_000 * MS));
  }

  @Test
  void measuresLingerFromTheFirstArrival() {
    BatchWindow window = new BatchWindow(100, LINGER);
    window.add(1, T0);
    window.add(1, T0 + 900 * MS);

    assertTrue(window.isComplete(T0 + 1_000 * MS));
  }

  @Test
  void emptyReadsDoNotStartTheLinger() {
    BatchWindow window = new BatchWindow(100, LINGER);
    window.add(0, T0);
    window.add(1, T0 + 5_000 * MS);

    assertFalse(window.isComplete(T0 + 5_500 * MS));
    assertTrue(window.isComplete(T0 + 6_000 * MS));
  }

  @Test
  void isNeverCompleteWhileEmpty() {
    BatchWindow window = new BatchWindow(1, LINGER);
    window.add(0, T0);

    assertFalse(window.isComplete(T0));
    assertFalse(window.isComplete(T0 + 3_600_000 * MS));
    assertTrue(window.isEmpty());
  }

  @Test
  void handlesNanoTimeWrapAround() {
    BatchWindow window = new BatchWindow(100, LINGER);
    long start = Long.MAX_VALUE - 100 * MS;
    window.add(1, start);

    assertFalse(window.isComplete(start + 500 * MS)); // wraps to a negative value
    assertTrue(window.isComplete(start + 1_000 * MS));
  }

  @Test
  void roomIsWhatIsLeftUntilFull() {
    BatchWindow window = new BatchWindow(5, LINGER);
    assertEquals(5, window.room());

    window.add(2, T0);
    assertEquals(3, window.room());
    assertFalse(window.isEmpty());

    window.add(4, T0);
    assertEquals(0, window.room());
  }

  @Test
  void blocksForTheIdleTimeWhileEmpty() {
    BatchWindow window = new BatchWindow(10, LINGER);

    assertEquals(2_000, window.nextBlockMs(T0, 2_000));
  }

  @Test
  void blocksForTheLingerTimeLeftOnceARecordArrived() {
    BatchWindow window = new BatchWindow(10, LINGER);
    window.add(1, T0);

    assertEquals(700, window.nextBlockMs(T0 + 300 * MS, 2_000));
  }

  @Test
  void neverBlocksLongerThanTheIdleTime() {
    BatchWindow window = new BatchWindow(10, Duration.ofSeconds(5));
    window.add(1, T0);

    assertEquals(2_000, window.nextBlockMs(T0 + 100 * MS, 2_000));
  }

  @Test
  void blocksAtLeastOneMillisecondBecauseZeroMeansForever() {
    BatchWindow window = new BatchWindow(10, LINGER);
    window.add(1, T0);

    assertEquals(1, window.nextBlockMs(T0 + 1_000 * MS - MS / 2, 2_000)); // half a millisecond left
    assertEquals(1, window.nextBlockMs(T0 + 1_000 * MS, 2_000)); // nothing left
    assertEquals(1, window.nextBlockMs(T0 + 60_000 * MS, 2_000)); // long overdue
  }
}
