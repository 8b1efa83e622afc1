package dev.pulse.worker.schedule;

import dev.pulse.worker.alerting.AlertBook;
import dev.pulse.worker.alerting.AlertingMetrics;
import dev.pulse.worker.alerting.Evaluator;
import dev.pulse.worker.alerting.RuleSet;
import dev.pulse.worker.alerting.SilenceSet;
import dev.pulse.worker.notify.ChannelCircuits;
import dev.pulse.worker.notify.NotifyMetrics;
import dev.pulse.worker.persistence.SchemaMigration;
import dev.pulse.worker.redis.Redis;
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
import java.util.concurrent.atomic.AtomicBoolean;
import redis.clients.jedis.params.SetParams;

/**
 * AlertTicker drives time: every second one node (whichever takes that second's Redis key first)
 * evaluates every rule, so windows slide, absences are noticed and {@code for} / {@code
 * keep_firing_for} elapse without new records. Every ten seconds each node reloads its rules and
 * silences, covering a missed change announcement, and counts the open alerts for its gauges.
 * Firing alerts whose silence ended are notified then.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AlertTicker {

  private static final Logger LOG = System.getLogger(AlertTicker.class.getName());

  @Inject Evaluator evaluator;
  @Inject RuleSet rules;
  @Inject SilenceSet silences;
  @Inject SchemaMigration schema;
  @Inject Redis redis;
  @EJB AlertBook book;
  @Inject AlertingMetrics metrics;
  @Inject NotifyMetrics notifyMetrics;
  @Inject ChannelCircuits circuits;

  private final AtomicBoolean ticking = new AtomicBoolean();
  private volatile boolean loaded;

  @Schedule(hour = "*", minute = "*", second = "*", persistent = false)
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void tick() {
    if (!schema.isApplied() || !ticking.compareAndSet(false, true)) {
      return;
    }
    try {
      Instant now = Instant.now();
      if (!loaded || now.getEpochSecond() % 10 == 0) {
        rules.reload();
        silences.reload();
        metrics.openAlerts(book.openByPhase());
        notifyMetrics.circuits(circuits.notClosed());
        loaded = true;
      }
      String key = "pulse:alerting:tick:" + now.getEpochSecond();
      String won = redis.call("tick_claim", j -> j.set(key, "1", new SetParams().nx().ex(10)));
      if ("OK".equals(won)) {
        evaluator.tick(now);
        book.unsilence(now);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Alert evaluation tick failed: {0}", e.toString());
    } finally {
      ticking.set(false);
    }
  }
}
