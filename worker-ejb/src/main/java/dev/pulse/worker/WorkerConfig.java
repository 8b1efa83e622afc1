package dev.pulse.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WorkerConfig gathers the worker's settings from MicroProfile Config: defaults in
 * META-INF/microprofile-config.properties, overridden by environment variables (PULSE_WORKER_...).
 */
@ApplicationScoped
public class WorkerConfig {

  @Inject
  @ConfigProperty(name = "pulse.worker.name")
  Optional<String> name;

  @Inject
  @ConfigProperty(name = "pulse.worker.consumers")
  int consumers;

  @Inject
  @ConfigProperty(name = "pulse.worker.batch-size")
  int batchSize;

  @Inject
  @ConfigProperty(name = "pulse.worker.linger-ms")
  long lingerMs;

  @Inject
  @ConfigProperty(name = "pulse.worker.block-ms")
  int blockMs;

  @Inject
  @ConfigProperty(name = "pulse.worker.claim-idle-ms")
  long claimIdleMs;

  @Inject
  @ConfigProperty(name = "pulse.worker.claim-interval-ms")
  long claimIntervalMs;

  @Inject
  @ConfigProperty(name = "pulse.worker.max-deliveries")
  int maxDeliveries;

  @Inject
  @ConfigProperty(name = "pulse.worker.shutdown-timeout-ms")
  long shutdownTimeoutMs;

  @Inject
  @ConfigProperty(name = "pulse.retention.days")
  int retentionDays;

  /**
   * The consumer-name prefix. Stable across restarts (host name by default), so a restarted worker
   * finds its own pending entries first instead of waiting for them to go idle.
   */
  public String name() {
    return name.filter(n -> !n.isBlank()).orElseGet(WorkerConfig::hostName);
  }

  public int consumers() {
    return consumers;
  }

  public int batchSize() {
    return batchSize;
  }

  public Duration linger() {
    return Duration.ofMillis(lingerMs);
  }

  public int blockMs() {
    return blockMs;
  }

  public long claimIdleMs() {
    return claimIdleMs;
  }

  public Duration claimInterval() {
    return Duration.ofMillis(claimIntervalMs);
  }

  public int maxDeliveries() {
    return maxDeliveries;
  }

  public Duration shutdownTimeout() {
    return Duration.ofMillis(shutdownTimeoutMs);
  }

  public int retentionDays() {
    return retentionDays;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "pulse";
    }
  }
}
