package dev.pulse.worker.schedule;

import dev.pulse.domain.event.EventLog;
import dev.pulse.worker.stream.ConsumerGroup;
import dev.pulse.worker.stream.DeadLetters;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * StreamTrimmer trims acknowledged entries from the event stream every two seconds, so Redis memory
 * stays bounded, and refreshes the stream's gauges: entries not yet delivered, delivered but not
 * acknowledged, and dead-lettered.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StreamTrimmer {

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.stream.backlog",
          "Events in the Redis stream not yet delivered to a worker",
          "pulse.stream.dead.letters",
          "Entries in the dead-letter stream (records that failed too often)",
          "pulse.stream.pending",
          "Events delivered to a worker and not yet acknowledged (persisting or to be reclaimed)");

  private static final Logger LOG = System.getLogger(StreamTrimmer.class.getName());

  @Inject ConsumerGroup group;
  @Inject DeadLetters deadLetters;
  @Inject MetricRegistry metrics;

  private final AtomicLong undelivered = new AtomicLong();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();

  @PostConstruct
  void registerGauges() {
    metrics.gauge(help("pulse.stream.backlog"), undelivered, AtomicLong::get);
    metrics.gauge(help("pulse.stream.pending"), pending, AtomicLong::get);
    metrics.gauge(help("pulse.stream.dead.letters"), deadLettered, AtomicLong::get);
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

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}
