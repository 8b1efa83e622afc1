package dev.pulse.worker.application;

import dev.pulse.worker.live.RedisAlertLog;
import dev.pulse.worker.live.RedisLiveFeed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * LiveUpdates is what the live gateway needs of the worker: every node's alert changes and metric
 * values as they happen, and the numbered alert changes a resuming client missed.
 */
@ApplicationScoped
public class LiveUpdates {

  /** Where changes go; called on the feed's own thread. */
  public interface Listener extends RedisLiveFeed.Listener {}

  /** A project's latest alert change number and the changes (JSON) after the one asked for. */
  public record AlertChanges(long latest, List<String> after) {}

  @Inject RedisLiveFeed feed;
  @Inject RedisAlertLog log;

  /** Starts hearing every node's changes (once per node). */
  public void listen(Listener listener) {
    feed.start(listener);
  }

  /**
   * Proves the subscription alive: publishes a beat every node hears, and reconnects when this node
   * has heard nothing for {@code silence}.
   */
  public void keepAlive(Duration silence) {
    feed.keepAlive(silence);
  }

  /** The project's latest alert change number (0 before the first). */
  public long latestAlertChange(String project) {
    return log.latest(project);
  }

  /** The alert changes numbered after {@code since} that are still kept, oldest first. */
  public AlertChanges alertChangesSince(String project, long since) {
    RedisAlertLog.Changes c = log.since(project, since);
    return new AlertChanges(c.latest(), c.after());
  }
}
