package dev.pulse.worker.alerting;

import dev.pulse.domain.rule.Observation;
import dev.pulse.domain.rule.Rule;
import dev.pulse.worker.metric.Tags;
import dev.pulse.worker.redis.LuaScript;
import dev.pulse.worker.redis.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.resps.Tuple;

/**
 * RedisWindows keeps each rule's sliding windows in Redis, one sorted set per group, so every
 * consumer and node aggregates the same records: {@code window-add.lua} adds idempotently (by
 * record id) and trims, {@code window-read.lua} aggregates. A rule's groups and when each was last
 * seen are kept beside them, for absence rules and for the tick.
 */
@ApplicationScoped
public class RedisWindows {

  static final String PREFIX = "pulse:rule:";
  private static final LuaScript ADD = LuaScript.of(RedisWindows.class, "window-add.lua");
  private static final LuaScript READ = LuaScript.of(RedisWindows.class, "window-read.lua");

  /** Late records are kept this much beyond the window, so a slow batch still counts. */
  private static final Duration SLACK = Duration.ofMinutes(1);

  @Inject Redis redis;
  @Inject AlertingConfig config;

  /** Adds the matched records of each target to its window. */
  public void add(Map<Target, List<Observation>> matched, Instant now) {
    if (matched.isEmpty()) {
      return;
    }
    redis.call(
        "window_add",
        jedis ->
            ADD.withLoaded(
                jedis,
                j -> {
                  try (AbstractPipeline p = j.pipelined()) {
                    matched.forEach((target, records) -> queueAdd(p, target, records, now));
                    p.sync();
                  }
                  return null;
                }));
  }

  private void queueAdd(AbstractPipeline p, Target t, List<Observation> records, Instant now) {
    Rule rule = t.rule();
    String base = base(rule);
    long keep = now.minus(rule.retention()).minus(SLACK).toEpochMilli();
    List<String> args = new ArrayList<>(6 + records.size() * 2);
    args.add(t.groupKey());
    args.add(Tags.json(t.labels()));
    args.add(Long.toString(keep));
    args.add(Long.toString(rule.retention().plus(SLACK).toMillis()));
    args.add(Long.toString(rule.lookback().plus(SLACK).toMillis()));
    args.add(Integer.toString(config.ruleWindowMaxPoints()));
    for (Observation o : records) {
      args.add(Long.toString(o.at().toEpochMilli()));
      args.add(o.id() + "|" + (o.value() == null ? "" : Double.toString(o.value())));
    }
    p.evalsha(
        ADD.sha(), List.of(base + ":w:" + t.groupKey(), base + ":groups", base + ":labels"), args);
  }

  /**
   * The value of each target's window now: its aggregate (the change for change rules), or for
   * absence rules the seconds since its group was last seen. Null means no data.
   */
  public Map<Target, Double> read(Collection<Target> targets, Instant now) {
    Map<Target, Double> values = new HashMap<>();
    if (targets.isEmpty()) {
      return values;
    }
    Map<Target, Response<Object>> replies = new HashMap<>();
    Map<Target, Response<Double>> lastSeen = new HashMap<>();
    redis.call(
        "window_read",
        jedis ->
            READ.withLoaded(
                jedis,
                j -> {
                  try (AbstractPipeline p = j.pipelined()) {
                    for (Target t : targets) {
                      String base = base(t.rule());
                      if (t.rule().kind() == Rule.Kind.ABSENCE) {
                        lastSeen.put(t, p.zscore(base + ":groups", t.groupKey()));
                      } else {
                        replies.put(
                            t,
                            p.evalsha(
                                READ.sha(),
                                List.of(base + ":w:" + t.groupKey()),
                                readArgs(t.rule(), now)));
                      }
                    }
                    p.sync();
                  }
                  return null;
                }));
    replies.forEach((t, reply) -> values.put(t, valueOf(t.rule(), (List<?>) reply.get())));
    lastSeen.forEach(
        (t, seen) -> {
          long since =
              Math.max(
                  seen.get() == null ? 0 : seen.get().longValue(),
                  t.rule().updatedAt().toEpochMilli());
          values.put(t, Math.max(0, now.toEpochMilli() - since) / 1000.0);
        });
    return values;
  }

  /** The groups of {@code rule} seen within its lookback; older ones are forgotten. */
  public List<Target> groups(Rule rule, Instant now) {
    String base = base(rule);
    long from = now.minus(rule.lookback()).toEpochMilli();
    return redis.call(
        "window_groups",
        jedis -> {
          jedis.zremrangeByScore(base + ":groups", "-inf", "(" + from);
          List<Tuple> seen =
              jedis.zrangeByScoreWithScores(base + ":groups", from, Double.POSITIVE_INFINITY);
          List<Target> targets = new ArrayList<>(seen.size());
          if (seen.isEmpty()) {
            return targets;
          }
          String[] keys = seen.stream().map(Tuple::getElement).toArray(String[]::new);
          List<String> labels = jedis.hmget(base + ":labels", keys);
          for (int i = 0; i < keys.length; i++) {
            if (labels.get(i) != null) {
              targets.add(Target.of(rule, Tags.parse(labels.get(i))));
            }
          }
          return targets;
        });
  }

  private static List<String> readArgs(Rule rule, Instant now) {
    long to = now.toEpochMilli();
    long from = to - rule.window().toMillis();
    String prev =
        rule.kind() == Rule.Kind.CHANGE ? Long.toString(from - rule.window().toMillis()) : "";
    return List.of(rule.aggregate().wireName(), Long.toString(from), Long.toString(to), prev);
  }

  static Double valueOf(Rule rule, List<?> reply) {
    Double current = number(reply.get(0));
    if (rule.kind() != Rule.Kind.CHANGE) {
      return current;
    }
    Double previous = number(reply.get(1));
    if (current == null || previous == null) {
      return null;
    }
    if (rule.change() == Rule.Change.ABSOLUTE) {
      return current - previous;
    }
    // A change from nothing has no percentage: no data, handled by the rule's no_data.
    return previous == 0 ? null : (current - previous) / Math.abs(previous) * 100;
  }

  private static Double number(Object o) {
    if (o == null) {
      return null;
    }
    String s = o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : o.toString();
    return Double.valueOf(s);
  }

  /** Keys of a rule's windows; a new match or grouping starts new windows. */
  static String base(Rule rule) {
    return PREFIX + rule.id() + ":" + Integer.toHexString(rule.windowIdentity().hashCode());
  }
}
