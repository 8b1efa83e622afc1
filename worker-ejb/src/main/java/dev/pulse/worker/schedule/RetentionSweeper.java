package dev.pulse.worker.schedule;

import dev.pulse.domain.event.EventRepository;
import dev.pulse.worker.metric.MetricRollup;
import dev.pulse.worker.persistence.SchemaMigration;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;

/**
 * RetentionSweeper deletes events, metric samples and rollups older than their retention periods,
 * every retention interval, in chunks of one transaction each.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RetentionSweeper {

  /** Bounds one timer run; the next run goes on where this one stopped. */
  private static final Duration RUN_BUDGET = Duration.ofSeconds(20);

  private static final Logger LOG = System.getLogger(RetentionSweeper.class.getName());

  @Inject RetentionConfig config;
  @Inject SchemaMigration schema;
  @EJB EventRepository events;
  @EJB MetricRollup rollup;

  private final AtomicBoolean retaining = new AtomicBoolean();
  private volatile long nextRetention = System.nanoTime();

  /** Deletes events that occurred before now minus the retention, every retention interval. */
  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void applyRetention() {
    if (!schema.isApplied()
        || System.nanoTime() - nextRetention < 0
        || !retaining.compareAndSet(false, true)) {
      return;
    }
    Instant now = Instant.now();
    Instant cutoff = now.minus(config.retention());
    Instant rawCutoff = now.minus(config.metricsRawRetention());
    Instant rollupCutoff = now.minus(config.metricsRollupRetention());
    int chunk = config.purgeChunkSize();
    long[] deleted = {0};
    long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
    try {
      boolean done =
          drain(() -> events.deleteOccurredBefore(cutoff, chunk), chunk, deadline, deleted)
              && drain(() -> rollup.deleteSamplesBefore(rawCutoff, chunk), chunk, deadline, deleted)
              && drain(
                  () -> rollup.deleteRollupsBefore(rollupCutoff, chunk), chunk, deadline, deleted);
      // More left (budget spent): come back on the next tick instead of after a whole interval.
      nextRetention = System.nanoTime() + (done ? config.retentionInterval().toNanos() : 0);
      if (deleted[0] > 0) {
        LOG.log(
            Level.INFO,
            "Retention removed {0} events, metric samples and rollups past their periods",
            deleted[0]);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Retention skipped: {0}", e.toString());
    } finally {
      retaining.set(false);
    }
  }

  /**
   * Runs {@code chunkDelete} until it deletes less than a chunk (true: nothing left) or the
   * deadline passes (false), adding up what it deleted.
   */
  private static boolean drain(IntSupplier chunkDelete, int chunk, long deadline, long[] deleted) {
    int n;
    do {
      n = chunkDelete.getAsInt();
      deleted[0] += n;
    } while (n == chunk && System.nanoTime() - deadline < 0);
    return n < chunk;
  }
}
