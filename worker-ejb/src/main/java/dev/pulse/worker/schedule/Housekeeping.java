package dev.pulse.worker.schedule;

import dev.pulse.domain.event.EventLog;
import dev.pulse.domain.event.EventRepository;
import dev.pulse.domain.metric.MetricRepository;
import dev.pulse.worker.WorkerConfig;
import dev.pulse.worker.WorkerMetrics;
import dev.pulse.worker.metric.MetricRollup;
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
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Housekeeping runs on non-persistent timers: it trims acknowledged entries from the stream so
 * Redis memory stays bounded and refreshes the backlog gauges, purges the events of deleted
 * projects, rolls metric samples up, and deletes events, samples and rollups older than their
 * retention periods. Deletions go in chunks of one transaction each, so none holds locks for long.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Housekeeping {

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.metrics.rollup.lag.seconds",
          "Seconds between now and the newest instant up to which every stored sample is rolled up",
          "pulse.stream.backlog",
          "Events in the Redis stream not yet delivered to a worker",
          "pulse.stream.dead.letters",
          "Entries in the dead-letter stream (records that failed too often)",
          "pulse.stream.pending",
          "Events delivered to a worker and not yet acknowledged (persisting or to be reclaimed)");

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
  @EJB MetricRollup rollup;
  @EJB MetricRepository metricStore;
  @Inject WorkerMetrics workerMetrics;

  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicBoolean purging = new AtomicBoolean();
  private final AtomicBoolean retaining = new AtomicBoolean();
  private final AtomicBoolean rolling = new AtomicBoolean();
  private final AtomicReference<Instant> rolledUpTo = new AtomicReference<>();
  private volatile long nextRetention = System.nanoTime();

  @PostConstruct
  void registerGauges() {
    metrics.gauge(help("pulse.stream.backlog"), undelivered, AtomicLong::get);
    metrics.gauge(help("pulse.stream.pending"), pending, AtomicLong::get);
    metrics.gauge(help("pulse.stream.dead.letters"), deadLettered, AtomicLong::get);
    metrics.gauge(help("pulse.metrics.rollup.lag.seconds"), rolledUpTo, Housekeeping::lagSeconds);
  }

  /** Seconds since the newest instant before which every persisted sample is rolled up. */
  private static double lagSeconds(AtomicReference<Instant> rolledUpTo) {
    Instant at = rolledUpTo.get();
    return at == null ? 0 : Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0);
  }

  /**
   * Brings every rollup level up to date: passes of a chunk each, until the out-of-date minutes are
   * drained or the run's budget is spent (the next tick goes on). Another node holding the pass
   * lock makes this run return at once.
   */
  @Schedule(hour = "*", minute = "*", second = "*/10", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void rollUpMetrics() {
    if (!schema.isApplied() || !rolling.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + RUN_BUDGET.toNanos();
    try {
      MetricRollup.Pass pass;
      do {
        long start = System.nanoTime();
        // A minute is recomputed only while all its raw samples are retained.
        Instant oldest = Instant.now().minus(config.metricsRawRetention()).plusSeconds(60);
        pass = rollup.run(config.rollupChunk(), oldest);
        workerMetrics.rollupPass(Duration.ofNanos(System.nanoTime() - start));
      } while (pass.ran() && !pass.drained() && System.nanoTime() - deadline < 0);
      rolledUpTo.set(metricStore.rolledUpTo());
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Metric rollup pass failed, retrying on the next tick: {0}", e.toString());
    } finally {
      rolling.set(false);
    }
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

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}
