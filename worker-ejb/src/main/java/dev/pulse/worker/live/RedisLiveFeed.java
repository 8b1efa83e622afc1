package dev.pulse.worker.live;

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
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * RedisLiveFeed is this node's one Redis pub/sub listener: every project's alert changes and metric
 * values, whichever node produced them, handed to a {@link Listener}. It runs on a managed thread
 * of its own and reconnects with backoff when Redis goes away; changes announced meanwhile are not
 * lost to resuming clients (they are in the alert log, {@link RedisAlertLog}).
 */
@ApplicationScoped
public class RedisLiveFeed {

  /** Where the feed hands what it hears; called on the feed's thread. */
  public interface Listener {
    /** An alert change of any project, as the JSON text {@link AlertFeed} published. */
    void alertChanged(String json);

    /** A project's latest metric values, as the JSON text the worker published. */
    void metricsChanged(String project, String json);
  }

  private static final Logger LOG = System.getLogger(RedisLiveFeed.class.getName());
  private static final String ALERTS = AlertFeed.channel("");
  private static final String METRICS = RedisLatestValues.channel("");

  @Inject Redis redis;

  @Resource ManagedThreadFactory threads;

  /** Published by every node's sweeper and heard by every feed: proof the subscription is alive. */
  public static final String BEAT = "pulse:live:beat";

  private volatile boolean running;
  private volatile Listener target;
  private volatile JedisPubSub listener;
  private volatile Jedis connection;
  private volatile long lastHeardNanos = System.nanoTime();
  private Thread thread;

  /** Starts listening, once; later calls do nothing. */
  public synchronized void start(Listener listener) {
    if (running) {
      return;
    }
    target = listener;
    running = true;
    thread = threads.newThread(this::listen);
    thread.setName("pulse-live-feed");
    thread.start();
  }

  @PreDestroy
  public synchronized void stop() {
    running = false;
    Jedis c = connection;
    if (c != null) {
      c.disconnect();
    }
    if (thread != null) {
      thread.interrupt();
    }
  }

  /**
   * Publishes a beat (every node's feed hears it) and, when this feed has heard nothing for {@code
   * silence}, drops its connection so the loop reconnects: a half-open TCP connection would
   * otherwise wait forever.
   */
  public void keepAlive(java.time.Duration silence) {
    try {
      redis.call("live_beat", j -> j.publish(BEAT, "beat"));
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "live beat: {0}", e.toString());
    }
    Jedis c = connection;
    if (c != null && System.nanoTime() - lastHeardNanos > silence.toNanos()) {
      LOG.log(Level.WARNING, "Live feed heard nothing for {0}: reconnecting", silence);
      lastHeardNanos = System.nanoTime();
      c.disconnect();
    }
  }

  private void listen() {
    long backoffMs = 100;
    while (running) {
      JedisPubSub l = new Subscriber();
      listener = l;
      try (Jedis c = redis.dedicatedConnection()) {
        connection = c;
        c.psubscribe(l, ALERTS + "*", METRICS + "*", BEAT);
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

  private final class Subscriber extends JedisPubSub {
    @Override
    public void onPMessage(String pattern, String channel, String message) {
      lastHeardNanos = System.nanoTime();
      try {
        if (channel.startsWith(ALERTS)) {
          target.alertChanged(message);
        } else if (channel.startsWith(METRICS)) {
          target.metricsChanged(channel.substring(METRICS.length()), message);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Live feed skipped a message on {0}: {1}", channel, e.toString());
      }
    }
  }
}
