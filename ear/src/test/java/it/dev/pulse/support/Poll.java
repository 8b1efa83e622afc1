package it.dev.pulse.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Poll waits for a condition with a deadline instead of sleeping a fixed time. */
public final class Poll {

  private Poll() {}

  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        if (condition.getAsBoolean()) {
          return;
        }
      } catch (RuntimeException notYet) {
        // keep polling until the deadline
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      pause();
    }
  }

  public static <T> T until(
      Duration timeout, String what, Supplier<T> value, java.util.function.Predicate<T> done) {
    Object[] last = new Object[1];
    until(
        timeout,
        what,
        () -> {
          T v = value.get();
          last[0] = v;
          return done.test(v);
        });
    @SuppressWarnings("unchecked")
    T result = (T) last[0];
    return result;
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
