package dev.pulse.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * IngestConfig gathers the HTTP side's settings from MicroProfile Config (defaults in
 * META-INF/microprofile-config.properties, overridden by environment variables such as {@code
 * PULSE_MAX_BACKLOG}).
 */
@ApplicationScoped
public class IngestConfig {

  @Inject
  @ConfigProperty(name = "pulse.max.backlog")
  long maxBacklog;

  @Inject
  @ConfigProperty(name = "pulse.ingest.max-body-bytes")
  int maxBodyBytes;

  @Inject
  @ConfigProperty(name = "pulse.ingest.retry-after-seconds")
  int retryAfterSeconds;

  @Inject
  @ConfigProperty(name = "pulse.ingest.append-flushers")
  int appendFlushers;

  @Inject
  @ConfigProperty(name = "pulse.ingest.append-queue-size")
  int appendQueueSize;

  @Inject
  @ConfigProperty(name = "pulse.ingest.append-max-events")
  int appendMaxEvents;

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
}
