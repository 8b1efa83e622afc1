package dev.pulse.worker.schedule;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.event.EventRepository;
import dev.pulse.worker.WorkerConfig;
import dev.pulse.worker.persistence.SchemaMigration;
import dev.pulse.worker.stream.ConsumerGroup;
import dev.pulse.worker.stream.DeadLetters;
import dev.pulse.worker.tenancy.ProjectPurge;
import jakarta.annotation.PostConstruct;
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
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Housekeeping runs on non-persistent timers: it trims acknowledged entries from the stream so
 * Redis memory stays bounded and refreshes the backlog gauges, purges the events of deleted
 * projects, and deletes events older than the retention period. Deletions go in chunks of one
 * transaction each, so none holds locks for long.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Housekeeping {

  private static final Logger LOG = System.getLogger(Housekeeping.class.getName());

  /** Bounds one timer run; the next run goes on where this one stopped. */
  private static final Duration RUN_BUDGET = Duration.ofSeconds(20);

  @Inject ConsumerGroup group;
  @Inject DeadLetters deadLetters;
  @Inject WorkerConfig config;
  @Inject SchemaMigration schema;
  @Inject MetricRegistry metrics;
  @EJB EventRepository events;
  @EJB ProjectPurge purge;

  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicBoolean purging = new AtomicBoolean();
  private final AtomicBoolean retaining = new AtomicBoolean();
  private volatile long nextRetention = System.nanoTime();

  @PostConstruct
  void registerGauges() {
    metrics.gauge("pulse.stream.backlog", undelivered, AtomicLong::get);
    metrics.gauge("pulse.stream.pending", pending, AtomicLong::get);
    metrics.gauge("pulse.stream.dead.letters", deadLettered, AtomicLong::get);
  }

  @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void trimStream() {
    try {
      group.trimAcknowledged();
      EventLog.Backlog backlog = group.backlog();
      undelivered.set(backlog.undelivered());
      pending.set(backlog.pending());
      deadLettered.set(deadLetters.count());
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Stream housekeeping skipped: {0}", e.toString());
    }
  }

  /** Purges the events of deleted projects, a chunk per transaction, until none is left. */
  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void purgeDeletedProjects() {
    if (!schema.isApplied() || !purging.compareAndSet(false, true)) {
      return; // the previous run is still going
    }
    long deleted = 0;
    long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
    try {
      int n;
      while ((n = purge.purgeChunk(config.purgeChunkSize())) >= 0
          && System.nanoTime() - deadline < 0) {
        deleted += n;
      }
      if (deleted > 0) {
        LOG.log(Level.INFO, "Purged {0} events of deleted projects", deleted);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Purge of deleted projects paused: {0}", e.toString());
    } finally {
      purging.set(false);
    }
  }

  /** Deletes events that occurred before now minus the retention, every retention interval. */
  @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void applyRetention() {
    if (!schema.isApplied()
        || System.nanoTime() - nextRetention < 0
        || !retaining.compareAndSet(false, true)) {
      return;
    }
    Instant cutoff = Instant.now().minus(config.retention());
    long deleted = 0;
    long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
    try {
      int chunk = config.purgeChunkSize();
      int n;
      do {
        n = events.deleteOccurredBefore(cutoff, chunk);
        deleted += n;
      } while (n == chunk && System.nanoTime() - deadline < 0);
      // More left (budget spent): come back on the next tick instead of after a whole interval.
      nextRetention = System.nanoTime() + (n == chunk ? 0 : config.retentionInterval().toNanos());
      if (deleted > 0) {
        LOG.log(Level.INFO, "Retention removed {0} events older than {1}", deleted, cutoff);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Retention skipped: {0}", e.toString());
    } finally {
      retaining.set(false);
    }
  }
}
