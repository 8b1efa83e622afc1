package dev.pulse.worker.schedule;

import dev.pulse.domain.metric.MetricRepository;
import dev.pulse.worker.WorkerMetrics;
import dev.pulse.worker.metric.MetricRollup;
import dev.pulse.worker.persistence.SchemaMigration;
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
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * MetricRollupTicker rolls metric samples up into 1m, 5m and 1h buckets every ten seconds, and
 * exports how far behind the rollups are ({@code pulse_metrics_rollup_lag_seconds}).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class MetricRollupTicker {

  /** Bounds one timer run; the next run goes on where this one stopped. */
  private static final Duration RUN_BUDGET = Duration.ofSeconds(20);

  private static final Logger LOG = System.getLogger(MetricRollupTicker.class.getName());

  @Inject RetentionConfig config;
  @Inject SchemaMigration schema;
  @Inject MetricRegistry metrics;
  @Inject WorkerMetrics workerMetrics;
  @EJB MetricRollup rollup;
  @EJB MetricRepository metricStore;

  private final AtomicBoolean rolling = new AtomicBoolean();
  private final AtomicReference<Instant> rolledUpTo = new AtomicReference<>();

  @PostConstruct
  void registerGauge() {
    metrics.gauge(
        Metadata.builder()
            .withName("pulse.metrics.rollup.lag.seconds")
            .withDescription(
                "Seconds between now and the newest instant up to which every stored sample is"
                    + " rolled up")
            .build(),
        rolledUpTo,
        MetricRollupTicker::lagSeconds);
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
}
