package dev.pulse.worker.jdbc;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * AfterCommit runs work once the current JTA transaction has committed, and never when it rolls
 * back: announcements and caches must not run ahead of the data they describe.
 */
public final class AfterCommit {

  private AfterCommit() {}

  /** Registers {@code work} on the current transaction; it runs on the committing thread. */
  public static void run(TransactionSynchronizationRegistry transactions, Runnable work) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              work.run();
            }
          }
        });
  }
}
