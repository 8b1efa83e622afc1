package dev.pulse.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * IngestConfig gathers every setting of the REST API WAR (no other class of this module reads
 * configuration) from MicroProfile Config. Its defaults are here, in each {@code defaultValue}: a
 * WAR's own microprofile-config.properties is not seen by the EAR-wide validation of injection
 * points at deployment. Environment variables override them ({@code pulse.max.backlog} is {@code
 * PULSE_MAX_BACKLOG}).
 */
@ApplicationScoped
public class IngestConfig {

  @Inject
  @ConfigProperty(name = "pulse.max.backlog", defaultValue = "1000000")
  long maxBacklog;

  @Inject
  @ConfigProperty(name = "pulse.ingest.max-body-bytes", defaultValue = "1048576")
  int maxBodyBytes;

  @Inject
  @ConfigProperty(name = "pulse.ingest.retry-after-seconds", defaultValue = "5")
  int retryAfterSeconds;

  @Inject
  @ConfigProperty(name = "pulse.ingest.append-flushers", defaultValue = "2")
  int appendFlushers;

  @Inject
  @ConfigProperty(name = "pulse.ingest.append-queue-size", defaultValue = "10000")
  int appendQueueSize;

  @Inject
  @ConfigProperty(name = "pulse.ingest.append-max-events", defaultValue = "2000")
  int appendMaxEvents;

  @Inject
  @ConfigProperty(name = "PULSE_JWT_ISSUER")
  String jwtIssuer;

  @Inject
  @ConfigProperty(name = "PULSE_JWT_KEY_DIR")
  String jwtKeyDir;

  @Inject
  @ConfigProperty(name = "pulse.auth.access-token-seconds", defaultValue = "900")
  long accessTokenSeconds;

  @Inject
  @ConfigProperty(name = "pulse.auth.refresh-token-days", defaultValue = "30")
  long refreshTokenDays;

  @Inject
  @ConfigProperty(name = "pulse.auth.login-account-per-minute", defaultValue = "5")
  long loginAccountPerMinute;

  @Inject
  @ConfigProperty(name = "pulse.auth.login-address-per-minute", defaultValue = "20")
  long loginAddressPerMinute;

  @Inject
  @ConfigProperty(name = "pulse.auth.key-cache-seconds", defaultValue = "10")
  long keyCacheSeconds;

  @Inject
  @ConfigProperty(name = "pulse.warmup.seconds", defaultValue = "45")
  int warmupSeconds;

  @Inject
  @ConfigProperty(name = "pulse.warmup.connections", defaultValue = "16")
  int warmupConnections;

  @Inject
  @ConfigProperty(name = "PULSE_HTTP_HOST", defaultValue = "127.0.0.1")
  String httpHost;

  @Inject
  @ConfigProperty(name = "PULSE_HTTP_PORT", defaultValue = "9080")
  int httpPort;

  public long maxBacklog() {
    return maxBacklog;
  }

  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  public int retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int appendFlushers() {
    return appendFlushers;
  }

  public int appendQueueSize() {
    return appendQueueSize;
  }

  public int appendMaxEvents() {
    return appendMaxEvents;
  }

  /** The {@code iss} of access tokens; the container verifies the same value. */
  public String jwtIssuer() {
    return jwtIssuer;
  }

  /** Where the token signing key pair lives (PEM files). */
  public Path jwtKeyDir() {
    return Path.of(jwtKeyDir);
  }

  public Duration accessTokenLifetime() {
    return Duration.ofSeconds(accessTokenSeconds);
  }

  public Duration refreshTokenLifetime() {
    return Duration.ofDays(refreshTokenDays);
  }

  public long loginAccountPerMinute() {
    return loginAccountPerMinute;
  }

  public long loginAddressPerMinute() {
    return loginAddressPerMinute;
  }

  /** How long a node remembers what an ingest key resolved to. */
  public Duration keyCacheTime() {
    return Duration.ofSeconds(keyCacheSeconds);
  }

  /** How long the start-up warm-up runs (0: none). */
  public int warmupSeconds() {
    return warmupSeconds;
  }

  public int warmupConnections() {
    return warmupConnections;
  }

  /** Where this server's HTTP endpoint listens (server.xml's variables). */
  public String httpHost() {
    return httpHost;
  }

  public int httpPort() {
    return httpPort;
  }
}
