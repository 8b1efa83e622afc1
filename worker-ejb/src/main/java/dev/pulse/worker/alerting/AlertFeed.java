package dev.pulse.worker.alerting;

import dev.pulse.worker.jdbc.AfterCommit;
import dev.pulse.worker.redis.LuaScript;
import dev.pulse.worker.redis.Redis;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * AlertFeed announces every committed alert change for live dashboards on any node: a script
 * numbers it per project ({@code seq}), keeps it in the project's bounded log {@link #log} (for
 * clients resuming after a gap) and publishes it on {@link #channel}. Only after the commit: a
 * transition that rolled back was never announced. Announcing is best effort; the durable record is
 * in PostgreSQL, and a client that misses a number reloads over REST.
 */
@ApplicationScoped
public class AlertFeed {

  /** The log keeps at most this many transitions per project… */
  public static final int LOG_MAX_ENTRIES = 10_000;

  /** …and none older than this (milliseconds). */
  public static final long LOG_MAX_AGE_MS = 10 * 60_000L;

  private static final Logger LOG = System.getLogger(AlertFeed.class.getName());
  private static final LuaScript PUBLISH = LuaScript.of(AlertFeed.class, "alert-publish.lua");

  @Inject Redis redis;
  @Inject AlertingMetrics metrics;
  @Resource TransactionSynchronizationRegistry transactions;

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  /** The pub/sub channel of a project's alert changes. */
  public static String channel(String project) {
    return "pulse:alerts:" + project;
  }

  /** The stream of a project's last alert changes, entry ids {@code 0-<seq>}. */
  public static String log(String project) {
    return "pulse:alerts:log:" + project;
  }

  /** The counter that numbers a project's alert changes. */
  public static String sequence(String project) {
    return "pulse:alerts:seq:" + project;
  }

  /** Announces the transitions once the current transaction commits, read through {@code c}. */
  void publishAfterCommit(Connection c, List<AlertChange> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    List<Map.Entry<String, String>> messages = messages(c, changes);
    AfterCommit.run(
        transactions,
        () -> {
          changes.forEach(ch -> metrics.transition(ch.to()));
          publish(messages);
        });
  }

  /** Announces an acknowledgement (not a state change) once the current transaction commits. */
  void acknowledged(String project, UUID alert, Instant at, String cause) {
    try (Connection c = db.getConnection()) {
      AlertChange ack =
          new AlertChange(project, alert, null, null, null, "acknowledged", null, at, cause);
      publishAfterCommit(c, List.of(ack));
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "Could not announce acknowledgement of {0}: {1}", alert, e.toString());
    }
  }

  private void publish(List<Map.Entry<String, String>> messages) {
    try {
      redis.call(
          "alert_publish",
          jedis ->
              PUBLISH.withLoaded(
                  jedis,
                  j -> {
                    List<Response<Object>> replies = new ArrayList<>(messages.size());
                    try (AbstractPipeline p = j.pipelined()) {
                      for (Map.Entry<String, String> m : messages) {
                        String project = m.getKey();
                        replies.add(
                            p.evalsha(
                                PUBLISH.sha(),
                                List.of(sequence(project), log(project)),
                                List.of(
                                    channel(project),
                                    m.getValue(),
                                    Integer.toString(LOG_MAX_ENTRIES),
                                    Long.toString(LOG_MAX_AGE_MS))));
                      }
                      p.sync();
                    }
                    replies.forEach(Response::get); // NOSCRIPT surfaces here: load, retry

                    return null;
                  }));
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING, "Could not publish {0} alert changes: {1}", messages.size(), e.toString());
    }
  }

  /** One message per change: the alert as the API shows it, with the transition's own fields. */
  static List<Map.Entry<String, String>> messages(Connection c, List<AlertChange> changes)
      throws SQLException {
    Map<UUID, JsonObject> views = views(c, changes);
    List<Map.Entry<String, String>> out = new ArrayList<>(changes.size());
    for (AlertChange ch : changes) {
      JsonObjectBuilder alert =
          Json.createObjectBuilder(views.getOrDefault(ch.alertId(), JsonObject.EMPTY_JSON_OBJECT));
      alert.add("to", ch.to()).add("at", ch.at().toString()).add("cause", ch.cause());
      if (ch.from() != null) {
        alert.add("from", ch.from());
      }
      JsonObject a = alert.build();
      JsonObjectBuilder m = Json.createObjectBuilder().add("project", ch.project());
      m.add("alert", a);
      out.add(Map.entry(ch.project(), m.build().toString()));
    }
    return out;
  }

  private static Map<UUID, JsonObject> views(Connection c, List<AlertChange> changes)
      throws SQLException {
    UUID[] ids = changes.stream().map(AlertChange::alertId).distinct().toArray(UUID[]::new);
    Map<UUID, JsonObject> views = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "select id, " + JdbcAlertRepository.ALERT + " from alerts where id = any(?)")) {
      ps.setArray(1, c.createArrayOf("uuid", ids));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          try (JsonReader r = Json.createReader(new StringReader(rs.getString(2)))) {
            views.put(rs.getObject(1, UUID.class), r.readObject());
          }
        }
      }
    }
    return views;
  }
}
