package dev.pulse.worker.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * StreamConfig holds the settings of the event stream and its consumers: keys, group, batches,
 * claims, dead-lettering and shutdown. Defaults are in META-INF/microprofile-config.properties;
 * environment variables override them (pulse.x.y-z is PULSE_X_Y_Z).
 */
@ApplicationScoped
public class StreamConfig {

  @Inject
  @ConfigProperty(name = "pulse.stream.key")
  String streamKey;

  @Inject
  @ConfigProperty(name = "pulse.stream.group")
  String streamGroup;

  @Inject
  @ConfigProperty(name = "pulse.stream.dead-letter-key")
  String deadLetterKey;

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

  /** The event stream's key. */
  public String streamKey() {
    return streamKey;
  }

  /** The consumer group that persists the stream. */
  public String streamGroup() {
    return streamGroup;
  }

  public String deadLetterKey() {
    return deadLetterKey;
  }

  /**
   * The consumer-name prefix. Stable across restarts (host name by default), so a restarted worker
   * finds its own pending entries first instead of waiting for them to go idle.
   */
  public String name() {
    return name.filter(n -> !n.isBlank()).orElseGet(StreamConfig::hostName);
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

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "pulse";
    }
  }
}
