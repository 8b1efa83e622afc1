package dev.pulse.worker.alerting;

import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import redis.clients.jedis.JedisPubSub;

/**
 * Changes announces rule and silence changes to every node on {@code pulse:changes}, and listens
 * for them: each node reloads the changed set at once (the tick's periodic reload covers a missed
 * message). The listener is a long task on the managed executor.
 */
@ApplicationScoped
public class Changes {

  static final String CHANNEL = "pulse:changes";
  private static final Logger LOG = System.getLogger(Changes.class.getName());

  @Inject Redis redis;
  @Inject RuleSet rules;
  @Inject SilenceSet silences;

  private volatile JedisPubSub subscription;
  private volatile boolean running = true;

  /** Reloads here at once and tells the other nodes. */
  public void rulesChanged() {
    rules.reload();
    announce("rules");
  }

  public void silencesChanged() {
    silences.reload();
    announce("silences");
  }

  private void announce(String what) {
    try {
      redis.call("changes_publish", j -> j.publish(CHANNEL, what));
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Could not announce a change of {0}: {1}", what, e.toString());
    }
  }

  /** Listens until {@link #stop()}, resubscribing after a lost connection. */
  public void listen() {
    while (running) {
      JedisPubSub sub =
          new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
              try {
                if ("silences".equals(message)) {
                  silences.reload();
                } else {
                  rules.reload();
                }
              } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Reload after a change failed: {0}", e.toString());
              }
            }
          };
      subscription = sub;
      try {
        redis.call(
            "changes_subscribe",
            j -> {
              j.subscribe(sub, CHANNEL);
              return null;
            });
      } catch (RuntimeException e) {
        if (running) {
          LOG.log(Level.WARNING, "Change feed lost, resubscribing: {0}", e.toString());
          try {
            Thread.sleep(1000);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  public void stop() {
    running = false;
    JedisPubSub sub = subscription;
    if (sub != null && sub.isSubscribed()) {
      sub.unsubscribe();
    }
  }
}
