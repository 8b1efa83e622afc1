package dev.pulse.worker.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * RetentionConfig holds how long events, samples and rollups are kept, how often retention runs and
 * in what chunks. Defaults are in META-INF/microprofile-config.properties; environment variables
 * override them (pulse.x.y-z is PULSE_X_Y_Z).
 */
@ApplicationScoped
public class RetentionConfig {

  @Inject
  @ConfigProperty(name = "pulse.retention.days")
  int retentionDays;

  @Inject
  @ConfigProperty(name = "pulse.retention.interval-seconds")
  long retentionIntervalSeconds;

  @Inject
  @ConfigProperty(name = "pulse.metrics.raw-retention-days")
  int metricsRawRetentionDays;

  @Inject
  @ConfigProperty(name = "pulse.metrics.rollup-retention-days")
  int metricsRollupRetentionDays;

  @Inject
  @ConfigProperty(name = "pulse.metrics.rollup-chunk")
  int rollupChunk;

  @Inject
  @ConfigProperty(name = "pulse.purge.chunk-size")
  int purgeChunkSize;

  /** Events that occurred longer ago than this are deleted. */
  public Duration retention() {
    return Duration.ofDays(retentionDays);
  }

  /** How often retention runs. */
  public Duration retentionInterval() {
    return Duration.ofSeconds(Math.max(1, retentionIntervalSeconds));
  }

  /** Raw metric samples older than this are deleted. */
  public Duration metricsRawRetention() {
    return Duration.ofDays(Math.max(1, metricsRawRetentionDays));
  }

  /** Rollup buckets older than this are deleted. */
  public Duration metricsRollupRetention() {
    return Duration.ofDays(Math.max(1, metricsRollupRetentionDays));
  }

  /** Out-of-date minutes one rollup pass (one transaction) takes at most. */
  public int rollupChunk() {
    return Math.max(1, rollupChunk);
  }

  /** Rows deleted per transaction when purging a deleted project's events or applying retention. */
  public int purgeChunkSize() {
    return Math.max(1, purgeChunkSize);
  }
}
