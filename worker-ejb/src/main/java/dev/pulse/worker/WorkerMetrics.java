package dev.pulse.worker;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * WorkerMetrics holds the worker's counters and timers, exported at /metrics in Prometheus text as
 * {@code pulse_events_persisted_total}, {@code pulse_persist_batch_size}, and so on.
 */
@ApplicationScoped
public class WorkerMetrics {

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
    persisted = registry.counter("pulse.events.persisted");
    duplicates = registry.counter("pulse.events.duplicates");
    deadLettered = registry.counter("pulse.events.dead.lettered");
    batchSize = registry.histogram("pulse.persist.batch.size");
    persistLatency = registry.timer("pulse.persist.duration");
    samplesPersisted = registry.counter("pulse.metrics.samples.persisted");
    sampleDuplicates = registry.counter("pulse.metrics.samples.duplicates");
    samplePersistLatency = registry.timer("pulse.metrics.persist.duration");
    rollupPass = registry.timer("pulse.metrics.rollup.pass.duration");
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
}
