package dev.pulse.worker.metric;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SeriesIds maps series (project, name, tags) to their row ids, creating rows for new series. Ids
 * never change, so they are cached; only series not seen before cost a round trip.
 */
@ApplicationScoped
public class SeriesIds {

  private static final int MAX_CACHED = 200_000;

  private static final String CREATE =
      "insert into metric_series (project, name, tags) "
          + "select s.project, s.name, s.tags from jsonb_to_recordset(cast(? as jsonb)) "
          + "as s(k text, project text, name text, tags jsonb) "
          + "on conflict (project, name, tags) do nothing";

  private static final String FIND =
      "select s.k, m.id from jsonb_to_recordset(cast(? as jsonb)) "
          + "as s(k text, project text, name text, tags jsonb) "
          + "join metric_series m on m.project = s.project and m.name = s.name and m.tags = s.tags";

  private final Map<String, Long> cache = new ConcurrentHashMap<>();

  /** The id of every series, creating the missing ones on {@code connection}'s transaction. */
  Map<StoredSample.SeriesKey, Long> resolve(
      Connection connection, Collection<StoredSample.SeriesKey> series) throws SQLException {
    Map<StoredSample.SeriesKey, Long> ids = new HashMap<>();
    Map<String, StoredSample.SeriesKey> missing = new HashMap<>();
    for (StoredSample.SeriesKey s : series) {
      String key = key(s);
      Long id = cache.get(key);
      if (id != null) {
        ids.put(s, id);
      } else {
        missing.put(key, s);
      }
    }
    if (missing.isEmpty()) {
      return ids;
    }
    // In one order for every transaction, so two batches creating the same series cannot deadlock.
    List<String> keys = new ArrayList<>(missing.keySet());
    keys.sort(Comparator.naturalOrder());
    StringBuilder json = new StringBuilder(keys.size() * 96).append('[');
    for (String key : keys) {
      StoredSample.SeriesKey s = missing.get(key);
      if (json.length() > 1) {
        json.append(',');
      }
      Tags.quote(json.append("{\"k\":"), key).append(",\"project\":");
      Tags.quote(json, s.project()).append(",\"name\":");
      Tags.quote(json, s.name()).append(",\"tags\":").append(s.tagsJson()).append('}');
    }
    String rows = json.append(']').toString();
    try (PreparedStatement create = connection.prepareStatement(CREATE)) {
      create.setString(1, rows);
      create.executeUpdate();
    }
    try (PreparedStatement find = connection.prepareStatement(FIND)) {
      find.setString(1, rows);
      try (ResultSet rs = find.executeQuery()) {
        while (rs.next()) {
          ids.put(missing.get(rs.getString(1)), rs.getLong(2));
        }
      }
    }
    return ids;
  }

  /**
   * Remembers ids once their transaction committed: a rolled-back insert must not leave an id that
   * does not exist.
   */
  void remember(Map<StoredSample.SeriesKey, Long> ids) {
    if (cache.size() > MAX_CACHED) {
      cache.clear();
    }
    ids.forEach((s, id) -> cache.put(key(s), id));
  }

  /** Forgets every series (a project was purged). */
  public void clear() {
    cache.clear();
  }

  private static String key(StoredSample.SeriesKey s) {
    return s.project() + '\n' + s.name() + '\n' + s.tagsJson();
  }
}
