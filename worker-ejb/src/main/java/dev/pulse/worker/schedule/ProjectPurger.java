package dev.pulse.worker.schedule;

import dev.pulse.worker.persistence.SchemaMigration;
import dev.pulse.worker.tenancy.ProjectPurge;
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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * ProjectPurger purges the events of deleted projects every five seconds, a chunk per transaction,
 * so no deletion holds locks for long.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ProjectPurger {

  /** Bounds one timer run; the next run goes on where this one stopped. */
  private static final Duration RUN_BUDGET = Duration.ofSeconds(20);

  private static final Logger LOG = System.getLogger(ProjectPurger.class.getName());

  @Inject RetentionConfig config;
  @Inject SchemaMigration schema;
  @EJB ProjectPurge purge;

  private final AtomicBoolean purging = new AtomicBoolean();

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
}
