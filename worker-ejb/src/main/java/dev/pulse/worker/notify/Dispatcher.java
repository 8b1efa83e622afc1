package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.ChannelRepository;
import dev.pulse.domain.notify.RetrySchedule;
import dev.pulse.domain.ratelimit.RateLimit;
import dev.pulse.domain.rule.Rule;
import dev.pulse.domain.rule.RuleRules;
import dev.pulse.worker.WorkerConfig;
import dev.pulse.worker.alerting.AlertingMetrics;
import dev.pulse.worker.alerting.RuleSet;
import dev.pulse.worker.ratelimit.RedisSlidingWindowLimiter;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Dispatcher delivers the outbox: a loop claims due notifications under a lease and sends each on
 * the managed executor (at most {@link #IN_FLIGHT} at once, so a dead receiver holds threads, not
 * the loop). Before its first attempt a notification passes the rule's and the project's sliding
 * window limits; one that does not is held back as throttled and later folded into a digest.
 * Retries back off exponentially with jitter and honour Retry-After.
 */
@ApplicationScoped
public class Dispatcher {

  private static final Logger LOG = System.getLogger(Dispatcher.class.getName());
  static final int IN_FLIGHT = 16;

  @Inject NotificationRows rows;
  @Inject RedisSlidingWindowLimiter limiter;
  @Inject RuleSet rules;
  @Inject WorkerConfig config;
  @Inject AlertingMetrics metrics;
  @EJB ChannelRepository channels;
  @Resource TransactionSynchronizationRegistry transactions;

  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  ManagedExecutorService executor;

  private final Semaphore wake = new Semaphore(0);
  private final Semaphore slots = new Semaphore(IN_FLIGHT);
  private final WebhookSender sender = new WebhookSender();
  private volatile boolean running = true;

  /** Wakes the loop once the current transaction has committed its notifications. */
  public void wakeAfterCommit() {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              wake.release();
            }
          }
        });
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
    long nextDigest = 0;
    while (running) {
      try {
        int claimed = dispatchDue();
        if (System.nanoTime() - nextDigest >= 0) {
          digests();
          nextDigest = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
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
    if (!n.admitted() && !admit(n)) {
      rows.throttled(n.id());
      metrics.notification("throttled");
      return;
    }
    metrics.outboxLag(Duration.between(n.createdAt(), now));
    Channel channel = channels.find(n.project(), n.channelId()).orElse(null);
    if (channel == null) {
      rows.attempted(
          n.id(),
          now,
          new Delivery(Delivery.Outcome.FAILED, 0, "the channel was deleted", null),
          "failed",
          null);
      metrics.notification("failed");
      return;
    }
    URI url = URI.create(channel.url());
    var refusal = NetworkGuard.refusal(url, config.notifyAllowPrivateNetworks());
    Delivery d =
        refusal.isPresent()
            ? new Delivery(Delivery.Outcome.FAILED, 0, refusal.get(), null)
            : sender.send(
                url,
                channel.headers(),
                channel.secret(),
                n.id().toString(),
                WebhookBody.of(n, channel.name(), config.externalUrl()));
    record(n, d, Instant.now());
  }

  private void record(Claimed n, Delivery d, Instant at) {
    switch (d.outcome()) {
      case SENT -> rows.attempted(n.id(), at, d, "sent", null);
      case FAILED -> rows.attempted(n.id(), at, d, "failed", null);
      case RETRY -> {
        RetrySchedule schedule =
            new RetrySchedule(config.notifyMaxAttempts(), Duration.ofHours(24));
        int failed = n.failedAttempts() + 1;
        Instant next =
            at.plus(
                schedule.delayAfter(
                    failed, d.retryAfter(), ThreadLocalRandom.current().nextDouble()));
        Instant first = n.firstAttemptAt() == null ? at : n.firstAttemptAt();
        boolean givesUp = schedule.givesUp(failed, first, next);
        rows.attempted(n.id(), at, d, givesUp ? "failed" : "pending", givesUp ? null : next);
      }
    }
    metrics.notification(
        d.outcome() == Delivery.Outcome.RETRY ? "retried" : d.outcome().name().toLowerCase());
  }

  /** The rule's limit, then the project's; test notifications are not limited. */
  private boolean admit(Claimed n) {
    if ("test".equals(n.kind())) {
      return true;
    }
    Rule rule = n.ruleId() == null ? null : rules.current().byId().get(n.ruleId());
    int perRule =
        rule == null
            ? RuleRules.DEFAULT_NOTIFICATIONS_PER_MINUTE
            : rule.maxNotificationsPerMinute();
    boolean allowed =
        limiter
                .acquire(String.valueOf(n.ruleId()), RateLimit.perMinute("notify-rule", perRule), 1)
                .allowed()
            && limiter
                .acquire(
                    n.project(),
                    RateLimit.perMinute("notify-project", config.notifyProjectPerMinute()),
                    1)
                .allowed();
    metrics.limiter(n.project(), allowed);
    if (allowed) {
      rows.admitted(n.id());
    }
    return allowed;
  }

  /** Sends one digest per rule and channel with held-back notifications, when the limits allow. */
  private void digests() {
    for (Object[] held : rows.heldBack()) {
      java.util.UUID rule = (java.util.UUID) held[0];
      String project = (String) held[2];
      Rule r = rules.current().byId().get(rule);
      int perRule =
          r == null ? RuleRules.DEFAULT_NOTIFICATIONS_PER_MINUTE : r.maxNotificationsPerMinute();
      boolean allowed =
          limiter
                  .acquire(String.valueOf(rule), RateLimit.perMinute("notify-rule", perRule), 1)
                  .allowed()
              && limiter
                  .acquire(
                      project,
                      RateLimit.perMinute("notify-project", config.notifyProjectPerMinute()),
                      1)
                  .allowed();
      if (allowed) {
        rows.digest(rule, (java.util.UUID) held[1], project, Instant.now());
      }
    }
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
