package dev.pulse.worker.metric;

import dev.pulse.domain.metric.MetricRepository;
import dev.pulse.domain.metric.MetricSummary;
import dev.pulse.domain.metric.Step;
import dev.pulse.worker.WorkerMetrics;
import dev.pulse.worker.jdbc.AfterCommit;
import dev.pulse.worker.jdbc.SqlStates;
import dev.pulse.worker.persistence.EventSink;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * JdbcMetricRepository stores metric samples and reads samples and rollups, in plain SQL: the
 * statements lean on PostgreSQL (jsonb record sets, arrays, data-modifying CTEs) to store a whole
 * batch in one round trip and to read many series at once.
 */
@Stateless
@Local({MetricRepository.class, SampleSink.class})
public class JdbcMetricRepository implements MetricRepository, SampleSink {

  /**
   * New samples, and the minutes they fall in marked for the rollup pass, in one statement: only
   * samples actually inserted mark a minute, so a redelivery costs the rollups nothing.
   */
  private static final String INSERT =
      "with s as (select * from jsonb_to_recordset(cast(? as jsonb)) as s(id uuid, project text, "
          + "series_id bigint, ts timestamptz, value double precision, received_at timestamptz)), "
          + "ins as (insert into metric_samples (project, id, series_id, ts, value, received_at) "
          + "select project, id, series_id, ts, value, received_at from s "
          + "on conflict (project, id) do nothing returning series_id, ts), "
          + "dirty as (insert into metric_dirty (series_id, minute) "
          + "select distinct series_id, "
          + SqlTime.MINUTE_OF_TS
          + " from ins order by 1, 2 on conflict do nothing) "
          + "select count(*) from ins";

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject SeriesIds seriesIds;
  @Inject WorkerMetrics metrics;

  @Override
  public int insert(List<StoredSample> samples) {
    long start = System.nanoTime();
    LinkedHashSet<StoredSample.SeriesKey> series = new LinkedHashSet<>();
    samples.forEach(s -> series.add(s.series()));
    int inserted;
    try (Connection c = db.getConnection()) {
      Map<StoredSample.SeriesKey, Long> ids = seriesIds.resolve(c, series);
      try (PreparedStatement insert = c.prepareStatement(INSERT)) {
        insert.setString(1, rows(samples, ids));
        try (ResultSet rs = insert.executeQuery()) {
          rs.next();
          inserted = rs.getInt(1);
        }
      }
      AfterCommit.run(transactions, () -> seriesIds.remember(ids));
    } catch (SQLException e) {
      throw refusedOr(e);
    }
    metrics.samplesPersisted(samples.size(), inserted, Duration.ofNanos(System.nanoTime() - start));
    return inserted;
  }

  private static String rows(List<StoredSample> samples, Map<StoredSample.SeriesKey, Long> ids) {
    StringBuilder json = new StringBuilder(samples.size() * 160).append('[');
    for (StoredSample s : samples) {
      Long id = ids.get(s.series());
      if (id == null) {
        throw new IllegalStateException("no id for series " + s.series());
      }
      if (json.length() > 1) {
        json.append(',');
      }
      json.append("{\"id\":\"").append(s.id()).append("\",\"project\":");
      Tags.quote(json, s.project())
          .append(",\"series_id\":")
          .append(id)
          .append(",\"ts\":\"")
          .append(s.ts())
          .append("\",\"value\":")
          .append(s.value())
          .append(",\"received_at\":\"")
          .append(s.receivedAt())
          .append("\"}");
    }
    return json.append(']').toString();
  }

  /** {@link EventSink.Refused} for a data error (SQLState 22, 23), else an outage. */
  static RuntimeException refusedOr(SQLException e) {
    if (SqlStates.isDataRefused(e.getSQLState())) {
      return new EventSink.Refused(e.getSQLState() + " " + e.getMessage(), e);
    }
    return new IllegalStateException("PostgreSQL: " + e.getMessage(), e);
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Series> findSeries(String project, String name, Map<String, String> tags, int limit) {
    List<Series> found = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select id, name, tags::text from metric_series "
                    + "where project = ? and name = ? and tags @> cast(? as jsonb) "
                    + "order by id limit ?")) {
      q.setString(1, project);
      q.setString(2, name);
      q.setString(3, Tags.json(tags));
      q.setInt(4, limit);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          found.add(new Series(rs.getLong(1), rs.getString(2), Tags.parse(rs.getString(3))));
        }
      }
    } catch (SQLException e) {
      throw refusedOr(e);
    }
    return found;
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long maxRawPerSeries(List<Long> series, Instant from, Instant to, int cap) {
    String sql =
        "select coalesce(max((select count(*) from (select 1 from metric_samples m "
            + "where m.series_id = s.id and m.ts >= ? and m.ts < ? limit ?) x)), 0) "
            + "from unnest(?) as s(id)";
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setObject(1, SqlTime.of(from));
      q.setObject(2, SqlTime.of(to));
      q.setInt(3, cap + 1);
      q.setArray(4, ids(c, series));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw refusedOr(e);
    }
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<RawPoint> raw(List<Long> series, Instant from, Instant to, int limit) {
    List<RawPoint> points = new ArrayList<>();
    String sql =
        "select series_id, ts, value from metric_samples where series_id = any(?) "
            + "and ts >= ? and ts < ? order by series_id, ts limit ?";
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setArray(1, ids(c, series));
      q.setObject(2, SqlTime.of(from));
      q.setObject(3, SqlTime.of(to));
      q.setInt(4, limit);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          points.add(new RawPoint(rs.getLong(1), SqlTime.instant(rs, 2), rs.getDouble(3)));
        }
      }
    } catch (SQLException e) {
      throw refusedOr(e);
    }
    return points;
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Bucket> buckets(List<Long> series, Step step, Instant from, Instant to) {
    List<Bucket> buckets = new ArrayList<>();
    String sql =
        "select series_id, bucket, count, sum, min, max, sketch from metric_rollups "
            + "where series_id = any(?) and step = ? and bucket >= ? and bucket < ? "
            + "order by series_id, bucket";
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setArray(1, ids(c, series));
      q.setInt(2, (int) step.seconds());
      q.setObject(3, SqlTime.of(from));
      q.setObject(4, SqlTime.of(to));
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          buckets.add(new Bucket(rs.getLong(1), SqlTime.instant(rs, 2), summary(rs, 3)));
        }
      }
    } catch (SQLException e) {
      throw refusedOr(e);
    }
    return buckets;
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<Long, MetricSummary> summarizeRaw(List<Long> series, Instant from, Instant to) {
    Map<Long, MetricSummary> result = new HashMap<>();
    String sql =
        "select series_id, value from metric_samples where series_id = any(?) "
            + "and ts >= ? and ts < ?";
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setArray(1, ids(c, series));
      q.setObject(2, SqlTime.of(from));
      q.setObject(3, SqlTime.of(to));
      q.setFetchSize(10_000);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          result.computeIfAbsent(rs.getLong(1), k -> new MetricSummary()).add(rs.getDouble(2));
        }
      }
    } catch (SQLException e) {
      throw refusedOr(e);
    }
    return result;
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Map<Long, MetricSummary> summarizeBuckets(
      List<Long> series, Step step, Instant from, Instant to) {
    Map<Long, MetricSummary> result = new HashMap<>();
    for (Bucket b : buckets(series, step, from, to)) {
      result.computeIfAbsent(b.seriesId(), k -> new MetricSummary()).merge(b.summary());
    }
    return result;
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Optional<Sample> findSample(String project, UUID id) {
    String sql =
        "select s.name, s.tags::text, m.value, m.ts, m.received_at from metric_samples m "
            + "join metric_series s on s.id = m.series_id where m.project = ? and m.id = ?";
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, project);
      q.setObject(2, id);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Sample(
                id,
                rs.getString(1),
                Tags.parse(rs.getString(2)),
                rs.getDouble(3),
                SqlTime.instant(rs, 4),
                SqlTime.instant(rs, 5)));
      }
    } catch (SQLException e) {
      throw refusedOr(e);
    }
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public List<Name> names(String project, String prefix, int limit) {
    List<Name> names = new ArrayList<>();
    String sql =
        "select s.name, coalesce(array_agg(distinct k) filter (where k is not null), '{}') "
            + "from metric_series s left join lateral jsonb_object_keys(s.tags) k on true "
            + "where s.project = ? and starts_with(s.name, ?) group by s.name order by s.name limit ?";
    try (Connection c = db.getConnection();
        PreparedStatement q = c.prepareStatement(sql)) {
      q.setString(1, project);
      q.setString(2, prefix == null ? "" : prefix);
      q.setInt(3, limit);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          Array keys = rs.getArray(2);
          names.add(new Name(rs.getString(1), List.of((String[]) keys.getArray())));
        }
      }
    } catch (SQLException e) {
      throw refusedOr(e);
    }
    return names;
  }

  @Override
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Instant rolledUpTo() {
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement("select rolled_up_to from metric_rollup_state where id = 1");
        ResultSet rs = q.executeQuery()) {
      return rs.next() ? SqlTime.instant(rs, 1) : null;
    } catch (SQLException e) {
      throw refusedOr(e);
    }
  }

  static MetricSummary summary(ResultSet rs, int first) throws SQLException {
    return MetricSummary.of(
        rs.getLong(first),
        rs.getDouble(first + 1),
        rs.getDouble(first + 2),
        rs.getDouble(first + 3),
        rs.getBytes(first + 4));
  }

  static Array ids(Connection c, List<Long> series) throws SQLException {
    return c.createArrayOf("bigint", series.toArray(new Long[0]));
  }

  /** Timestamps to and from JDBC, always in UTC. */
  static final class SqlTime {

    /** The start of the minute of column {@code ts}, aligned to the epoch like {@link Step}. */
    static final String MINUTE_OF_TS =
        "date_bin('1 minute', ts, timestamptz '1970-01-01 00:00:00+00')";

    private SqlTime() {}

    static OffsetDateTime of(Instant t) {
      return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
      OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
  }
}
