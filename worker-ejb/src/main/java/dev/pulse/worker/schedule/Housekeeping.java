package dev.pulse.worker.schedule;

import dev.pulse.worker.WorkerConfig;
import dev.pulse.worker.persistence.JpaEventRepository;
import dev.pulse.worker.stream.EventStream;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Housekeeping runs on non-persistent timers: it trims acknowledged entries from the stream so
 * Redis memory stays bounded, refreshes the backlog gauges, and deletes events older than the
 * retention period in small chunks.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Housekeeping {

  private static final Logger LOG = System.getLogger(Housekeeping.class.getName());
  private static final int RETENTION_CHUNK = 5_000;
  private static final int RETENTION_MAX_CHUNKS = 200;

  @Inject EventStream stream;
  @Inject WorkerConfig config;
  @Inject MetricRegistry metrics;
  @EJB JpaEventRepository events;

  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();

  @PostConstruct
  void registerGauges() {
    metrics.gauge("pulse.stream.backlog", undelivered, AtomicLong::get);
    metrics.gauge("pulse.stream.pending", pending, AtomicLong::get);
    metrics.gauge("pulse.stream.dead.letters", deadLetters, AtomicLong::get);
  }

  @Schedule(hour = "*", minute = "*", second = "*/2", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void trimStream() {
    try {
      stream.trimAcknowledged();
      EventStream.Backlog backlog = stream.backlog();
      undelivered.set(backlog.undelivered());
      pending.set(backlog.pending());
      deadLetters.set(stream.deadLetterCount());
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "Stream housekeeping skipped: {0}", e.toString());
    }
  }

  @Schedule(hour = "*", minute = "7", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void applyRetention() {
    Instant cutoff = Instant.now().minus(config.retentionDays(), ChronoUnit.DAYS);
    long deleted = 0;
    try {
      for (int chunk = 0; chunk < RETENTION_MAX_CHUNKS; chunk++) {
        int n = events.deleteOccurredBefore(cutoff, RETENTION_CHUNK);
        deleted += n;
        if (n < RETENTION_CHUNK) {
          break;
        }
      }
      if (deleted > 0) {
        LOG.log(Level.INFO, "Retention removed {0} events older than {1}", deleted, cutoff);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Retention skipped: {0}", e.toString());
    }
  }
}
