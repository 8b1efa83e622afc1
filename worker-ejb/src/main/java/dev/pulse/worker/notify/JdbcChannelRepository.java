package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.ChannelRepository;
import dev.pulse.domain.notify.Circuit;
import dev.pulse.domain.notify.Grouping;
import dev.pulse.worker.jdbc.Sql;
import dev.pulse.worker.metric.Tags;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/** JdbcChannelRepository keeps notification channels in {@code channels}. */
@Stateless
@Local(ChannelRepository.class)
public class JdbcChannelRepository implements ChannelRepository {

  private static final String COLUMNS =
      "id, project, name, type, url, headers::text, secret, recipients::text, group_by::text, "
          + "group_wait_ms, group_interval_ms, repeat_interval_ms, fallback_id, created_at, "
          + "updated_at";

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Override
  public void create(Channel ch) {
    Sql.update(
        db,
        "insert into channels (name, type, url, headers, secret, recipients, group_by, "
            + "group_wait_ms, group_interval_ms, repeat_interval_ms, fallback_id, updated_at, "
            + "project, id, created_at) values (?, ?, ?, cast(? as jsonb), ?, cast(? as jsonb), "
            + "cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?)",
        params(ch, ch.createdAt()));
  }

  @Override
  public boolean update(Channel ch) {
    return Sql.update(
            db,
            "update channels set name = ?, type = ?, url = ?, headers = cast(? as jsonb), "
                + "secret = ?, recipients = cast(? as jsonb), group_by = cast(? as jsonb), "
                + "group_wait_ms = ?, group_interval_ms = ?, repeat_interval_ms = ?, "
                + "fallback_id = ?, updated_at = ? where project = ? and id = ?",
            params(ch, null))
        == 1;
  }

  /** The columns in the order both statements bind them; {@code created} last when not null. */
  private static Object[] params(Channel ch, java.time.Instant created) {
    Grouping g = ch.grouping();
    List<Object> p =
        new ArrayList<>(
            java.util.Arrays.asList(
                ch.name(),
                ch.type(),
                ch.url(),
                Tags.json(new TreeMap<>(ch.headers())),
                ch.secret(),
                strings(ch.recipients()),
                g == null ? null : strings(g.by()),
                g == null ? null : g.groupWait().toMillis(),
                g == null ? null : g.groupInterval().toMillis(),
                g == null ? null : g.repeatInterval().toMillis(),
                ch.fallback(),
                ch.updatedAt(),
                ch.project(),
                ch.id()));
    if (created != null) {
      p.add(created);
    }
    return p.toArray();
  }

  @Override
  public boolean delete(String project, UUID id) {
    return Sql.update(db, "delete from channels where project = ? and id = ?", project, id) == 1;
  }

  @Override
  public Optional<Channel> find(String project, UUID id) {
    return query("select " + COLUMNS + " from channels where project = ? and id = ?", project, id)
        .stream()
        .findFirst();
  }

  @Override
  public List<Channel> list(String project) {
    return query(
        "select " + COLUMNS + " from channels where project = ? order by created_at, id", project);
  }

  @Override
  public Map<UUID, Circuit> circuits(String project) {
    Map<UUID, Circuit> out = new HashMap<>();
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "select k.channel_id, "
                    + ChannelCircuits.COLUMNS
                    + " from channel_circuits k join channels ch on ch.id = k.channel_id "
                    + "where ch.project = ?")) {
      Sql.bind(ps, project);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getObject(1, UUID.class), ChannelCircuits.circuit(rs, 2));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("channel circuits: " + e.getMessage(), e);
    }
    return out;
  }

  private List<Channel> query(String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, params);
      List<Channel> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(channel(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("channels: " + e.getMessage(), e);
    }
  }

  private static Channel channel(ResultSet rs) throws SQLException {
    String groupBy = rs.getString(9);
    Grouping grouping =
        groupBy == null
            ? null
            : new Grouping(
                strings(groupBy),
                Duration.ofMillis(rs.getLong(10)),
                Duration.ofMillis(rs.getLong(11)),
                Duration.ofMillis(rs.getLong(12)));
    return new Channel(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Tags.parse(rs.getString(6)),
        rs.getString(7),
        strings(rs.getString(8)),
        grouping,
        rs.getObject(13, UUID.class),
        Sql.instant(rs, 14),
        Sql.instant(rs, 15));
  }

  static String strings(List<String> values) {
    var array = Json.createArrayBuilder();
    values.forEach(array::add);
    return array.build().toString();
  }

  static List<String> strings(String json) {
    try (var r = Json.createReader(new StringReader(json))) {
      return r.readArray().getValuesAs(JsonString.class).stream()
          .map(JsonString::getString)
          .toList();
    }
  }
}
