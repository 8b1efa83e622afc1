package dev.pulse.worker.live;

import dev.pulse.worker.alerting.AlertFeed;
import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.resps.StreamEntry;

/**
 * RedisAlertLog reads a project's bounded log of numbered alert changes ({@link AlertFeed#log}),
 * for live subscriptions that resume after a gap.
 */
@ApplicationScoped
public class RedisAlertLog {

  /** The latest change number and the changes (JSON texts) numbered after the one asked for. */
  public record Changes(long latest, List<String> after) {}

  @Inject Redis redis;

  /** The project's latest change number (0 before the first). */
  public long latest(String project) {
    String seq = redis.call("live_seq", j -> j.get(AlertFeed.sequence(project)));
    return seq == null ? 0 : Long.parseLong(seq);
  }

  /** The changes numbered after {@code since} that are still kept, oldest first. */
  public Changes since(String project, long since) {
    String key = AlertFeed.log(project);
    return redis.call(
        "live_replay",
        j -> {
          String seq = j.get(AlertFeed.sequence(project));
          long latest = seq == null ? 0 : Long.parseLong(seq);
          if (since >= latest) {
            return new Changes(latest, List.of());
          }
          List<StreamEntry> entries =
              j.xrange(key, "0-" + (since + 1), "+", AlertFeed.LOG_MAX_ENTRIES);
          List<String> after = new ArrayList<>(entries.size());
          for (StreamEntry e : entries) {
            after.add(e.getFields().get("m"));
          }
          return new Changes(latest, after);
        });
  }
}
