package dev.pulse.worker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * WorkerConfig is every setting of the service tier, from MicroProfile Config: defaults in
 * META-INF/microprofile-config.properties, overridden by environment variables
 * (pulse.worker.batch-size → PULSE_WORKER_BATCH_SIZE). No other class of this module reads
 * configuration.
 */
@ApplicationScoped
public class WorkerConfig {

  @Inject
  @ConfigProperty(name = "pulse.redis.url")
  String redisUrl;

  @Inject
  @ConfigProperty(name = "pulse.redis.pool-size")
  int redisPoolSize;

  @Inject
  @ConfigProperty(name = "pulse.redis.timeout-ms")
  int redisTimeoutMs;

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
  @ConfigProperty(name = "pulse.alerting.window-max-points")
  int ruleWindowMaxPoints;

  @Inject
  @ConfigProperty(name = "pulse.alerting.external-url")
  String externalUrl;

  @Inject
  @ConfigProperty(name = "pulse.notify.allow-private-networks")
  boolean notifyAllowPrivateNetworks;

  @Inject
  @ConfigProperty(name = "pulse.notify.max-attempts")
  int notifyMaxAttempts;

  @Inject
  @ConfigProperty(name = "pulse.notify.project-per-minute")
  int notifyProjectPerMinute;

  @Inject
  @ConfigProperty(name = "pulse.notify.circuit-failures")
  int circuitFailures;

  @Inject
  @ConfigProperty(name = "pulse.notify.circuit-cool-down-seconds")
  long circuitCoolDownSeconds;

  @Inject
  @ConfigProperty(name = "pulse.smtp.host")
  Optional<String> smtpHost;

  @Inject
  @ConfigProperty(name = "pulse.smtp.port")
  int smtpPort;

  @Inject
  @ConfigProperty(name = "pulse.smtp.starttls")
  boolean smtpStartTls;

  @Inject
  @ConfigProperty(name = "pulse.smtp.user")
  Optional<String> smtpUser;

  @Inject
  @ConfigProperty(name = "pulse.smtp.password")
  Optional<String> smtpPassword;

  @Inject
  @ConfigProperty(name = "pulse.smtp.from")
  String smtpFrom;

  @Inject
  @ConfigProperty(name = "pulse.purge.chunk-size")
  int purgeChunkSize;

  @Inject
  @ConfigProperty(name = "pulse.auth.password-iterations")
  int passwordIterations;

  @Inject
  @ConfigProperty(name = "pulse.admin.email")
  Optional<String> adminEmail;

  @Inject
  @ConfigProperty(name = "pulse.admin.password")
  Optional<String> adminPassword;

  @Inject
  @ConfigProperty(name = "pulse.bootstrap.key")
  Optional<String> bootstrapKey;

  public URI redisUrl() {
    return URI.create(redisUrl);
  }

  public int redisPoolSize() {
    return redisPoolSize;
  }

  public int redisTimeoutMs() {
    return redisTimeoutMs;
  }

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

  /** The most records one group's window keeps (the oldest go first). */
  public int ruleWindowMaxPoints() {
    return Math.max(100, ruleWindowMaxPoints);
  }

  /** Where users reach Pulse: links in notifications start here. */
  public String externalUrl() {
    return externalUrl.endsWith("/")
        ? externalUrl.substring(0, externalUrl.length() - 1)
        : externalUrl;
  }

  /** Whether webhooks may point at loopback and private addresses (link-local never). */
  public boolean notifyAllowPrivateNetworks() {
    return notifyAllowPrivateNetworks;
  }

  public int notifyMaxAttempts() {
    return Math.max(1, notifyMaxAttempts);
  }

  /** Notifications per minute a project may send over all its rules. */
  public int notifyProjectPerMinute() {
    return Math.max(1, notifyProjectPerMinute);
  }

  /** Consecutive failed deliveries that open a channel's circuit. */
  public int circuitFailures() {
    return Math.max(1, circuitFailures);
  }

  /** How long an open circuit refuses deliveries before it lets one probe through. */
  public Duration circuitCoolDown() {
    return Duration.ofSeconds(Math.max(1, circuitCoolDownSeconds));
  }

  /** The SMTP server email channels send through; empty when none is configured. */
  public Optional<String> smtpHost() {
    return smtpHost.filter(s -> !s.isBlank());
  }

  public int smtpPort() {
    return smtpPort;
  }

  /** Whether the SMTP connection must be upgraded with STARTTLS (refusing servers without it). */
  public boolean smtpStartTls() {
    return smtpStartTls;
  }

  /** The SMTP user name; without one Pulse does not authenticate. */
  public Optional<String> smtpUser() {
    return smtpUser.filter(s -> !s.isBlank());
  }

  public Optional<String> smtpPassword() {
    return smtpPassword;
  }

  /** The From address of notification emails. */
  public String smtpFrom() {
    return smtpFrom;
  }

  /** Rows deleted per transaction when purging a deleted project's events or applying retention. */
  public int purgeChunkSize() {
    return Math.max(1, purgeChunkSize);
  }

  public int passwordIterations() {
    return passwordIterations;
  }

  public Optional<String> adminEmail() {
    return adminEmail.filter(s -> !s.isBlank());
  }

  public Optional<String> adminPassword() {
    return adminPassword.filter(s -> !s.isBlank());
  }

  public Optional<String> bootstrapKey() {
    return bootstrapKey.filter(s -> !s.isBlank());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "pulse";
    }
  }
}
