package dev.pulse.worker.metric;

import dev.pulse.domain.metric.LatestValues;
import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * RedisLatestValues keeps the newest sample of each series in Redis: one hash per (project, name),
 * {@code pulse:latest:<project>:<name>}, whose fields are the series' tags as sorted JSON and whose
 * values are {@code "<epoch microseconds> <value>"}. One script call per batch compares and sets
 * every series atomically, so the newest timestamp wins whatever order batches arrive in.
 */
@ApplicationScoped
public class RedisLatestValues implements LatestValues {

  static final String PREFIX = "pulse:latest:";

  private static final String NEWEST_WINS =
      """
      for i = 1, #KEYS do
        local field = ARGV[3 * i - 2]
        local ts = tonumber(ARGV[3 * i - 1])
        local current = redis.call('HGET', KEYS[i], field)
        if not current or tonumber(string.match(current, '^(%S+)')) < ts then
          redis.call('HSET', KEYS[i], field, ARGV[3 * i - 1] .. ' ' .. ARGV[3 * i])
        end
      end
      return #KEYS
      """;

  @Inject Redis redis;

  @Override
  public void offer(List<Latest> samples) {
    if (samples.isEmpty()) {
      return;
    }
    List<String> keys = new ArrayList<>(samples.size());
    List<String> args = new ArrayList<>(samples.size() * 3);
    for (Latest s : samples) {
      keys.add(key(s.project(), s.name()));
      args.add(Tags.json(s.tags()));
      args.add(Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, s.timestamp())));
      args.add(Double.toString(s.value()));
    }
    Map<String, StringBuilder> announcements = announcements(samples);
    redis.call(
        "latest_offer",
        jedis -> {
          try (AbstractPipeline p = jedis.pipelined()) {
            p.eval(NEWEST_WINS, keys, args);
            // For live dashboards: the batch's newest value per series, one message per project.
            announcements.forEach(
                (project, m) -> p.publish(channel(project), m.append("]}").toString()));
            p.sync();
          }
          return null;
        });
  }

  /** The pub/sub channel of a project's new metric values. */
  public static String channel(String project) {
    return "pulse:metrics:" + project;
  }

  private static Map<String, StringBuilder> announcements(List<Latest> samples) {
    Map<String, StringBuilder> out = new java.util.HashMap<>();
    for (Latest s : samples) {
      if (!Double.isFinite(s.value())) {
        continue;
      }
      StringBuilder m = out.computeIfAbsent(s.project(), p -> new StringBuilder("{\"samples\":["));
      if (m.charAt(m.length() - 1) != '[') {
        m.append(',');
      }
      m.append("{\"name\":")
          .append(jakarta.json.Json.createValue(s.name()))
          .append(",\"tags\":")
          .append(Tags.json(s.tags()))
          .append(",\"value\":")
          .append(s.value())
          .append(",\"at\":\"")
          .append(s.timestamp())
          .append("\"}");
    }
    return out;
  }

  @Override
  public List<Latest> find(String project, String name) {
    Map<String, String> fields =
        redis.call("latest_find", jedis -> jedis.hgetAll(key(project, name)));
    List<Latest> found = new ArrayList<>(fields.size());
    fields.forEach(
        (tags, entry) -> {
          int space = entry.indexOf(' ');
          long micros = Long.parseLong(entry.substring(0, space));
          found.add(
              new Latest(
                  project,
                  name,
                  Tags.parse(tags),
                  Double.parseDouble(entry.substring(space + 1)),
                  Instant.EPOCH.plus(micros, ChronoUnit.MICROS)));
        });
    return found;
  }

  /** Removes the latest values of a project (it was deleted). */
  public void forget(String project) {
    redis.call(
        "latest_forget",
        jedis -> {
          ScanParams params = new ScanParams().match(PREFIX + project + ":*").count(500);
          String cursor = ScanParams.SCAN_POINTER_START;
          do {
            ScanResult<String> page = jedis.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
              jedis.del(page.getResult().toArray(new String[0]));
            }
            cursor = page.getCursor();
          } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
          return null;
        });
  }

  static String key(String project, String name) {
    return PREFIX + project + ":" + name;
  }
}
