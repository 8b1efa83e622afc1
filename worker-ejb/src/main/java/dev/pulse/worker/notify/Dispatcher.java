package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.ChannelRepository;
import dev.pulse.domain.notify.Circuit;
import dev.pulse.domain.notify.RetrySchedule;
import dev.pulse.worker.jdbc.AfterCommit;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Dispatcher delivers the outbox: a loop claims due notifications under a lease and sends each on
 * the managed executor (at most {@link #IN_FLIGHT} at once, so a dead receiver holds threads, not
 * the loop) through the {@link NotificationChannel} of the channel's type. Before its first attempt
 * a per-alert notification passes the {@link Throttle}; each attempt asks the channel's circuit
 * first. Retries back off exponentially with jitter and honour Retry-After; what a channel cannot
 * deliver (circuit open, or failed for good) goes to its fallback channel, if it has one. Once a
 * second the loop also sends digests and flushes due notification groups.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = System.getLogger(Dispatcher.class.getName());
  static final int IN_FLIGHT = 16;
  private static final String TEST = "test";

  @Inject NotificationRows rows;
  @Inject Throttle throttle;
  @Inject NotificationGroups groups;
  @Inject ChannelCircuits circuits;
  @Inject NotifyConfig config;
  @Inject NotifyMetrics metrics;
  @Inject Instance<NotificationChannel> channelTypes;
  @Inject ChannelTests tests;
  @EJB ChannelRepository channels;
  @Resource TransactionSynchronizationRegistry transactions;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private final Semaphore wake = new Semaphore(0);
  private final Semaphore slots = new Semaphore(IN_FLIGHT);
  private final Map<String, NotificationChannel> byType = new HashMap<>();
  private volatile boolean running = true;

  @PostConstruct
  void types() {
    channelTypes.forEach(t -> byType.put(t.type(), t));
  }

  /** Wakes the loop once the current transaction has committed its notifications. */
  public void wakeAfterCommit() {
    AfterCommit.run(transactions, wake::release);
  }

  public void wake() {
    wake.release();
  }

  public void stop() {
    running = false;
    wake.release();
  }

  /** The loop, run as a long task by the worker. */
  public void run() {
    long nextSecond = 0;
    while (running) {
      try {
        int claimed = dispatchDue();
        if (System.nanoTime() - nextSecond >= 0) {
          throttle.digests();
          if (groups.flushDue(Instant.now()) > 0) {
            continue; // their messages are due now
          }
          nextSecond = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        }
        if (claimed == 0) {
          wake.tryAcquire(500, TimeUnit.MILLISECONDS);
          wake.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Notification dispatch failed, retrying: {0}", e.toString());
        sleep();
      }
    }
  }

  private int dispatchDue() throws InterruptedException {
    int free = slots.availablePermits();
    if (free == 0) {
      slots.acquire();
      slots.release();
      return 0;
    }
    var due = rows.claim(Instant.now(), free);
    for (Claimed n : due) {
      slots.acquire();
      try {
        executor.submit(
            () -> {
              try {
                deliver(n);
              } catch (RuntimeException e) {
                // The lease runs out and the notification is claimed again: late, not lost.
                LOG.log(
                    Level.WARNING, "Notification {0} not delivered yet: {1}", n.id(), e.toString());
              } finally {
                slots.release();
                if (TEST.equals(n.kind())) {
                  tests.attempted(n.id()); // whatever happened: the waiter reads the row
                }
              }
            });
      } catch (RuntimeException rejected) {
        slots.release();
        throw rejected;
      }
    }
    return due.size();
  }

  void deliver(Claimed n) {
    Instant now = Instant.now();
    if (!n.admitted() && !throttle.admit(n)) {
      rows.throttled(n.id());
      metrics.notification("throttled");
      return;
    }
    metrics.outboxLag(Duration.between(n.createdAt(), now));
    Channel channel = channels.find(n.project(), n.channelId()).orElse(null);
    if (channel == null) {
      Delivery gone = new Delivery(Delivery.Outcome.FAILED, 0, "the channel was deleted", null);
      rows.attempted(n.id(), now, gone, "failed", null);
      metrics.notification("failed");
      return;
    }
    Circuit.Permit permit = circuits.permit(channel.id(), now);
    if (permit.verdict() == Circuit.Verdict.REFUSE) {
      refused(n, channel, permit.retryAt());
      return;
    }
    Delivery d = send(channel, n);
    Circuit after = circuits.record(channel.id(), d, Instant.now());
    record(n, channel, d, after, Instant.now());
  }

  private Delivery send(Channel channel, Claimed n) {
    NotificationChannel type = byType.get(channel.type());
    if (type == null) {
      return new Delivery(
          Delivery.Outcome.FAILED, 0, "no sender for channel type " + channel.type(), null);
    }
    return type.send(channel, Notice.of(n, config.externalUrl()), n.id().toString());
  }

  /** The circuit is open: to the fallback now, or back in the outbox until it may probe. */
  private void refused(Claimed n, Channel channel, Instant retryAt) {
    if (hasFallback(n, channel)) {
      Delivery none =
          new Delivery(Delivery.Outcome.FAILED, 0, "circuit open: sent to the fallback", null);
      fallBack(n, channel, none, "circuit open");
    } else {
      rows.defer(n.id(), retryAt);
    }
  }

  /**
   * Records the attempt: sent, failed, or retried later. A failure that leaves the circuit open (or
   * one for good) hands the notification to the channel's fallback instead.
   */
  private void record(Claimed n, Channel channel, Delivery d, Circuit circuit, Instant at) {
    metrics.notification(
        d.outcome() == Delivery.Outcome.RETRY ? "retried" : d.outcome().name().toLowerCase());
    if (d.outcome() == Delivery.Outcome.SENT) {
      rows.attempted(n.id(), at, d, "sent", null);
    } else if (hasFallback(n, channel)
        && (d.outcome() == Delivery.Outcome.FAILED || circuit.state() == Circuit.State.OPEN)) {
      String why = d.outcome() == Delivery.Outcome.FAILED ? "delivery failed" : "circuit open";
      fallBack(n, channel, d, d.error() == null ? why : why + ": " + d.error());
    } else if (d.outcome() == Delivery.Outcome.FAILED || !retry(n, d, at)) {
      rows.attempted(n.id(), at, d, "failed", null);
    }
  }

  private void fallBack(Claimed n, Channel channel, Delivery attempt, String reason) {
    rows.fallBack(n, channel, attempt, reason, Instant.now());
    metrics.notification("fallback");
    wake();
  }

  /** Schedules the next attempt; false when the schedule gives up instead. */
  private boolean retry(Claimed n, Delivery d, Instant at) {
    RetrySchedule schedule = new RetrySchedule(config.notifyMaxAttempts(), Duration.ofHours(24));
    int failed = n.failedAttempts() + 1;
    Instant next =
        at.plus(
            schedule.delayAfter(failed, d.retryAfter(), ThreadLocalRandom.current().nextDouble()));
    Instant first = n.firstAttemptAt() == null ? at : n.firstAttemptAt();
    if (schedule.givesUp(failed, first, next)) {
      return false;
    }
    rows.attempted(n.id(), at, d, "pending", next);
    return true;
  }

  /** A fallback notice is not passed on again: one hop, whatever the fallbacks' own fallbacks. */
  private static boolean hasFallback(Claimed n, Channel channel) {
    return channel.fallback() != null && n.fallbackOf() == null;
  }

  private void sleep() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
