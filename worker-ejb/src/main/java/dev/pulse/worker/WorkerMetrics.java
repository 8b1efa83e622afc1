package dev.pulse.worker;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * WorkerMetrics holds the worker's counters and timers, exported at /metrics in Prometheus text as
 * {@code pulse_events_persisted_total}, {@code pulse_persist_batch_size}, and so on.
 */
@ApplicationScoped
public class WorkerMetrics {

  /** What each metric of this class measures (its Prometheus HELP text). */
  private static final Map<String, String> HELP =
      Map.of(
          "pulse.events.dead.lettered",
          "Stream records moved to the dead-letter stream",
          "pulse.events.duplicates",
          "Events delivered again and not stored twice (same project and id)",
          "pulse.events.persisted",
          "Events stored in PostgreSQL",
          "pulse.metrics.persist.duration",
          "Time to write one batch of metric samples and commit, in seconds",
          "pulse.metrics.rollup.pass.duration",
          "Time one rollup pass (1m, 5m, 1h buckets) took, in seconds",
          "pulse.metrics.samples.duplicates",
          "Metric samples delivered again and not stored twice",
          "pulse.metrics.samples.persisted",
          "Metric samples stored in PostgreSQL",
          "pulse.persist.batch.size",
          "Events per batch written to PostgreSQL, in events",
          "pulse.persist.duration",
          "Time to write one batch of events to PostgreSQL and commit, in seconds");

  @Inject MetricRegistry registry;

  private Counter persisted;
  private Counter duplicates;
  private Counter deadLettered;
  private Histogram batchSize;
  private Timer persistLatency;
  private Counter samplesPersisted;
  private Counter sampleDuplicates;
  private Timer samplePersistLatency;
  private Timer rollupPass;

  @PostConstruct
  void register() {
    persisted = registry.counter(help("pulse.events.persisted"));
    duplicates = registry.counter(help("pulse.events.duplicates"));
    deadLettered = registry.counter(help("pulse.events.dead.lettered"));
    batchSize = registry.histogram(help("pulse.persist.batch.size"));
    persistLatency = registry.timer(help("pulse.persist.duration"));
    samplesPersisted = registry.counter(help("pulse.metrics.samples.persisted"));
    sampleDuplicates = registry.counter(help("pulse.metrics.samples.duplicates"));
    samplePersistLatency = registry.timer(help("pulse.metrics.persist.duration"));
    rollupPass = registry.timer(help("pulse.metrics.rollup.pass.duration"));
  }

  public void batchPersisted(int size, int inserted, java.time.Duration took) {
    batchSize.update(size);
    persisted.inc(inserted);
    duplicates.inc(size - inserted);
    persistLatency.update(took);
  }

  public void samplesPersisted(int size, int inserted, java.time.Duration took) {
    samplesPersisted.inc(inserted);
    sampleDuplicates.inc(size - inserted);
    samplePersistLatency.update(took);
  }

  public void rollupPass(java.time.Duration took) {
    rollupPass.update(took);
  }

  public void deadLettered() {
    deadLettered.inc();
  }

  /** The metric's name with the description its HELP line shows. */
  private static Metadata help(String name) {
    return Metadata.builder().withName(name).withDescription(HELP.get(name)).build();
  }
}
