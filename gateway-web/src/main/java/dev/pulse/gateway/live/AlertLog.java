package dev.pulse.gateway.live;

import dev.pulse.worker.alerting.AlertFeed;
import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.resps.StreamEntry;

/**
 * AlertLog reads a project's bounded log of numbered alert changes ({@link AlertFeed#log}), for
 * subscriptions that resume after a gap.
 */
@ApplicationScoped
public class AlertLog {

  /** What a resume finds: the latest number, the changes after the client's, or a gap. */
  record Replay(long latest, List<AlertMessage> missed, boolean gap) {}

  @Inject Redis redis;

  /** The project's latest change number (0 before the first). */
  long latest(String project) {
    String seq = redis.call("live_seq", j -> j.get(AlertFeed.sequence(project)));
    return seq == null ? 0 : Long.parseLong(seq);
  }

  /** The changes numbered after {@code since}, or a gap when some of them are no longer kept. */
  Replay since(String project, long since) {
    String key = AlertFeed.log(project);
    return redis.call(
        "live_replay",
        j -> {
          String seq = j.get(AlertFeed.sequence(project));
          long latest = seq == null ? 0 : Long.parseLong(seq);
          if (since >= latest) {
            // Nothing missed, or a number from before Redis lost the log: a gap unless equal.
            return new Replay(latest, List.of(), since > latest);
          }
          List<StreamEntry> entries =
              j.xrange(key, "0-" + (since + 1), "+", AlertFeed.LOG_MAX_ENTRIES);
          List<AlertMessage> missed = new ArrayList<>(entries.size());
          for (StreamEntry e : entries) {
            missed.add(AlertMessage.parse(e.getFields().get("m")));
          }
          boolean gap = missed.isEmpty() || missed.get(0).seq() > since + 1;
          return new Replay(latest, missed, gap);
        });
  }
}
