package dev.pulse.worker.alerting;

import dev.pulse.worker.redis.Redis;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;

/**
 * AlertFeed publishes every committed alert transition on the project's Redis channel {@code
 * pulse:alerts:<project>}, for live dashboards on any node. Only after the commit: a transition
 * that rolled back was never announced. Publishing is best effort; the durable record is in
 * PostgreSQL.
 */
@ApplicationScoped
public class AlertFeed {

  private static final Logger LOG = System.getLogger(AlertFeed.class.getName());

  @Inject Redis redis;
  @Inject AlertingMetrics metrics;
  @Resource TransactionSynchronizationRegistry transactions;

  public static String channel(String project) {
    return "pulse:alerts:" + project;
  }

  void publishAfterCommit(List<AlertChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              changes.forEach(c -> metrics.transition(c.to()));
              publish(changes);
            }
          }
        });
  }

  void publish(List<AlertChange> changes) {
    try {
      redis.call(
          "alert_publish",
          jedis -> {
            try (AbstractPipeline p = jedis.pipelined()) {
              changes.forEach(c -> p.publish(channel(c.project()), json(c)));
              p.sync();
            }
            return null;
          });
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "Could not publish {0} alert transitions: {1}",
          changes.size(),
          e.toString());
    }
  }

  static String json(AlertChange c) {
    JsonObjectBuilder o =
        Json.createObjectBuilder()
            .add("alert_id", c.alertId().toString())
            .add("rule_id", c.ruleId().toString())
            .add("fingerprint", c.fingerprint())
            .add("to", c.to())
            .add("at", c.at().toString())
            .add("cause", c.cause());
    if (c.from() != null) {
      o.add("from", c.from());
    }
    if (c.value() != null && Double.isFinite(c.value())) {
      o.add("value", c.value());
    }
    return o.build().toString();
  }
}
