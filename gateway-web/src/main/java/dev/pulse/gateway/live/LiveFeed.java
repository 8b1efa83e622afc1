package dev.pulse.gateway.live;

import dev.pulse.worker.alerting.AlertFeed;
import dev.pulse.worker.metric.RedisLatestValues;
import dev.pulse.worker.redis.Redis;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import redis.clients.jedis.JedisPubSub;

/**
 * LiveFeed is this node's one Redis pub/sub listener: every project's alert changes and metric
 * values, whichever node produced them, handed to {@link Fanout}. It runs on a managed thread of
 * its own and reconnects with backoff when Redis goes away; changes announced meanwhile are not
 * lost to resuming clients (they are in the alert log).
 */
@ApplicationScoped
public class LiveFeed {

  private static final Logger LOG = System.getLogger(LiveFeed.class.getName());
  private static final String ALERTS = AlertFeed.channel("");
  private static final String METRICS = RedisLatestValues.channel("");

  @Inject Redis redis;
  @Inject Fanout fanout;

  @Resource ManagedThreadFactory threads;

  private volatile boolean running;
  private volatile JedisPubSub listener;
  private Thread thread;

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = threads.newThread(this::listen);
    thread.setName("pulse-live-feed");
    thread.start();
  }

  @PreDestroy
  synchronized void stop() {
    running = false;
    JedisPubSub l = listener;
    if (l != null && l.isSubscribed()) {
      l.punsubscribe();
    }
    if (thread != null) {
      thread.interrupt();
    }
  }

  /** Whether the listener is subscribed now (for health and tests). */
  boolean isListening() {
    JedisPubSub l = listener;
    return l != null && l.isSubscribed();
  }

  /** Sends a PING over the subscription, so a dead connection is noticed. */
  void keepAlive() {
    JedisPubSub l = listener;
    if (l != null && l.isSubscribed()) {
      try {
        l.ping();
      } catch (RuntimeException e) {
        LOG.log(Level.DEBUG, "pub/sub ping failed: {0}", e.toString());
      }
    }
  }

  private void listen() {
    long backoffMs = 100;
    while (running) {
      JedisPubSub l = new Listener();
      listener = l;
      try {
        redis.psubscribe(l, ALERTS + "*", METRICS + "*");
        backoffMs = 100;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.log(
            Level.WARNING,
            "Live feed lost Redis ({0}); retrying in {1} ms",
            e.toString(),
            backoffMs);
        try {
          Thread.sleep(backoffMs);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  private final class Listener extends JedisPubSub {
    @Override
    public void onPMessage(String pattern, String channel, String message) {
      try {
        if (channel.startsWith(ALERTS)) {
          fanout.alert(AlertMessage.parse(message));
        } else if (channel.startsWith(METRICS)) {
          fanout.metrics(channel.substring(METRICS.length()), message);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Live feed skipped a message on {0}: {1}", channel, e.toString());
      }
    }
  }
}
