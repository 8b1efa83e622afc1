package dev.pulse.ingest.intake;

import dev.pulse.domain.event.EventLog;
import dev.pulse.ingest.IngestConfig;
import dev.pulse.ingest.problem.Problem;
import dev.pulse.ingest.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admission decides whether ingestion may accept anything right now: not while the application
 * shuts down, and not while the un-persisted backlog exceeds {@code PULSE_MAX_BACKLOG}. The backlog
 * is read from Redis at most every few hundred milliseconds, by one request at a time.
 */
@ApplicationScoped
public class Admission {

  private static final long REFRESH_NANOS = 250_000_000L;

  @Inject EventLog stream;
  @Inject IngestConfig config;

  private volatile boolean open = true;
  private volatile long backlog;
  private volatile long checkedAt = System.nanoTime() - REFRESH_NANOS;
  private final AtomicBoolean refreshing = new AtomicBoolean();

  void closeOnShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
    open = false;
  }

  /**
   * @throws ProblemException 503 with Retry-After when events must not be accepted now
   */
  public void check() {
    if (!open) {
      throw new ProblemException(
          Problem.unavailable("Pulse is shutting down; send again shortly"),
          config.retryAfterSeconds());
    }
    refreshIfStale();
    if (backlog > config.maxBacklog()) {
      throw new ProblemException(
          Problem.unavailable(
              "backlog of "
                  + backlog
                  + " un-persisted events exceeds the limit of "
                  + config.maxBacklog()),
          config.retryAfterSeconds());
    }
  }

  private void refreshIfStale() {
    if (System.nanoTime() - checkedAt < REFRESH_NANOS || !refreshing.compareAndSet(false, true)) {
      return;
    }
    try {
      backlog = stream.backlog().total();
    } catch (RuntimeException redisDown) {
      // The append itself will fail and answer 503; keep the last known figure.
    } finally {
      checkedAt = System.nanoTime();
      refreshing.set(false);
    }
  }
}
