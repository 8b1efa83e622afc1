package dev.pulse.worker.metric;

import dev.pulse.domain.metric.MetricSummary;
import dev.pulse.domain.metric.Step;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * MetricRollup runs one rollup pass in one transaction: it takes a chunk of the minutes marked out
 * of date ({@code metric_dirty}), recomputes their 1-minute buckets from the raw samples, then the
 * 5-minute buckets holding them from the 1-minute buckets and the hours from the 5-minute buckets.
 *
 * <p>A bucket is always recomputed from its sources and overwritten, never incremented, so a pass
 * that is interrupted (rolled back: the marks come back) or repeated cannot count a sample twice.
 * Passes are also single-runner: a transaction-scoped advisory lock makes a second node's pass
 * return at once, so two nodes never overwrite each other's 5-minute or hourly buckets with a view
 * that misses the other's minutes.
 */
@Stateless
public class MetricRollup {

  /** The advisory lock key of the rollup pass ("pulse" "roll" in ASCII). */
  static final long LOCK = 0x70756c7365726f6cL;

  /**
   * What one pass did: whether it ran (held the lock), how many minutes it took, and whether it
   * drained the marks.
   */
  public record Pass(boolean ran, int minutes, boolean drained) {}

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  /**
   * Takes up to {@code limit} marked minutes and brings every level of their buckets up to date.
   * Minutes before {@code oldest} (raw samples past their retention) are dropped, not recomputed:
   * their raw samples are partly gone, and recomputing would shrink the bucket.
   *
   * <p>The pass joins the caller's transaction if there is one (the housekeeping timer has none, so
   * each of its passes commits on its own); rolling that transaction back undoes the whole pass and
   * leaves the minutes marked.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRED)
  public Pass run(int limit, Instant oldest) {
    try (Connection c = db.getConnection()) {
      if (!tryLock(c)) {
        return new Pass(false, 0, false);
      }
      Instant started = transactionStart(c);
      List<long[]> claimed = claim(c, limit);
      Map<Key, MetricSummary> minutes = new HashMap<>();
      Set<Key> wanted = new LinkedHashSet<>();
      for (long[] m : claimed) {
        if (m[1] >= oldest.getEpochSecond()) {
          wanted.add(new Key(m[0], m[1]));
        }
      }
      if (!wanted.isEmpty()) {
        fromRaw(c, wanted, minutes);
        upsert(c, Step.MINUTE, minutes);
        Set<Key> fives = parents(minutes.keySet(), Step.FIVE_MINUTES);
        Map<Key, MetricSummary> five = fromRollups(c, fives, Step.MINUTE, Step.FIVE_MINUTES);
        upsert(c, Step.FIVE_MINUTES, five);
        Map<Key, MetricSummary> hours =
            fromRollups(c, parents(fives, Step.HOUR), Step.FIVE_MINUTES, Step.HOUR);
        upsert(c, Step.HOUR, hours);
      }
      boolean drained = claimed.size() < limit;
      if (drained) {
        try (PreparedStatement done =
            c.prepareStatement("update metric_rollup_state set rolled_up_to = ? where id = 1")) {
          done.setObject(1, JdbcMetricRepository.SqlTime.of(started));
          done.executeUpdate();
        }
      }
      return new Pass(true, claimed.size(), drained);
    } catch (SQLException e) {
      throw JdbcMetricRepository.refusedOr(e);
    }
  }

  /** A bucket of one series: its id and the bucket start in epoch seconds. */
  record Key(long series, long start) {}

  private static boolean tryLock(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
      q.setLong(1, LOCK);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /**
   * When this transaction began: every sample committed before it is visible to the claim, so once
   * the marks are drained, everything persisted before this instant is rolled up.
   */
  private static Instant transactionStart(Connection c) throws SQLException {
    try (PreparedStatement q = c.prepareStatement("select now()");
        ResultSet rs = q.executeQuery()) {
      rs.next();
      return JdbcMetricRepository.SqlTime.instant(rs, 1);
    }
  }

  private static List<long[]> claim(Connection c, int limit) throws SQLException {
    List<long[]> claimed = new ArrayList<>();
    try (PreparedStatement q =
        c.prepareStatement(
            "delete from metric_dirty where ctid = any(array("
                + "select ctid from metric_dirty order by minute limit ?)) "
                + "returning series_id, extract(epoch from minute)::bigint")) {
      q.setInt(1, limit);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          claimed.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
      }
    }
    return claimed;
  }

  private static void fromRaw(Connection c, Set<Key> minutes, Map<Key, MetricSummary> into)
      throws SQLException {
    String sql =
        "select d.series_id, d.start, m.value from unnest(?, ?) as d(series_id, start) "
            + "join metric_samples m on m.series_id = d.series_id "
            + "and m.ts >= to_timestamp(d.start) and m.ts < to_timestamp(d.start + 60)";
    try (PreparedStatement q = c.prepareStatement(sql)) {
      bindKeys(c, q, minutes);
      q.setFetchSize(10_000);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          into.computeIfAbsent(new Key(rs.getLong(1), rs.getLong(2)), k -> new MetricSummary())
              .add(rs.getDouble(3));
        }
      }
    }
  }

  private static Map<Key, MetricSummary> fromRollups(
      Connection c, Set<Key> buckets, Step source, Step target) throws SQLException {
    Map<Key, MetricSummary> merged = new HashMap<>();
    if (buckets.isEmpty()) {
      return merged;
    }
    String sql =
        "select d.series_id, d.start, r.count, r.sum, r.min, r.max, r.sketch "
            + "from unnest(?, ?) as d(series_id, start) join metric_rollups r "
            + "on r.series_id = d.series_id and r.step = ? "
            + "and r.bucket >= to_timestamp(d.start) and r.bucket < to_timestamp(d.start + ?)";
    try (PreparedStatement q = c.prepareStatement(sql)) {
      bindKeys(c, q, buckets);
      q.setInt(3, (int) source.seconds());
      q.setLong(4, target.seconds());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          merged
              .computeIfAbsent(new Key(rs.getLong(1), rs.getLong(2)), k -> new MetricSummary())
              .merge(JdbcMetricRepository.summary(rs, 3));
        }
      }
    }
    return merged;
  }

  private static void bindKeys(Connection c, PreparedStatement q, Set<Key> keys)
      throws SQLException {
    Long[] series = new Long[keys.size()];
    Long[] starts = new Long[keys.size()];
    int i = 0;
    for (Key k : keys) {
      series[i] = k.series();
      starts[i++] = k.start();
    }
    q.setArray(1, c.createArrayOf("bigint", series));
    q.setArray(2, c.createArrayOf("bigint", starts));
  }

  static Set<Key> parents(Set<Key> children, Step parent) {
    Set<Key> parents = new LinkedHashSet<>();
    for (Key k : children) {
      parents.add(
          new Key(k.series(), Math.floorDiv(k.start(), parent.seconds()) * parent.seconds()));
    }
    return parents;
  }

  private static void upsert(Connection c, Step step, Map<Key, MetricSummary> buckets)
      throws SQLException {
    if (buckets.isEmpty()) {
      return;
    }
    String sql =
        "insert into metric_rollups (series_id, step, bucket, count, sum, min, max, sketch) "
            + "values (?, ?, to_timestamp(?), ?, ?, ?, ?, ?) "
            + "on conflict (series_id, step, bucket) do update set count = excluded.count, "
            + "sum = excluded.sum, min = excluded.min, max = excluded.max, sketch = excluded.sketch";
    try (PreparedStatement q = c.prepareStatement(sql)) {
      for (Map.Entry<Key, MetricSummary> b : buckets.entrySet()) {
        MetricSummary s = b.getValue();
        q.setLong(1, b.getKey().series());
        q.setInt(2, (int) step.seconds());
        q.setLong(3, b.getKey().start());
        q.setLong(4, s.count());
        q.setDouble(5, s.sum());
        q.setDouble(6, s.min());
        q.setDouble(7, s.max());
        q.setBytes(8, s.sketchBytes());
        q.addBatch();
      }
      q.executeBatch();
    }
  }

  /**
   * Deletes up to {@code limit} rollup rows whose bucket ended before {@code cutoff}; returns how
   * many.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int deleteRollupsBefore(Instant cutoff, int limit) {
    return delete(
        "delete from metric_rollups where ctid = any(array(select ctid from metric_rollups "
            + "where bucket < ? limit ?))",
        cutoff,
        limit);
  }

  /** Deletes up to {@code limit} raw samples older than {@code cutoff}; returns how many. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int deleteSamplesBefore(Instant cutoff, int limit) {
    return delete(
        "delete from metric_samples where ctid = any(array(select ctid from metric_samples "
            + "where ts < ? limit ?))",
        cutoff,
        limit);
  }

  private int delete(String sql, Instant cutoff, int limit) {
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, JdbcMetricRepository.SqlTime.of(cutoff));
      q.setInt(2, limit);
      return q.executeUpdate();
    } catch (SQLException e) {
      throw JdbcMetricRepository.refusedOr(e);
    }
  }
}
