package dev.pulse.worker.notify;

import dev.pulse.domain.notify.Channel;
import dev.pulse.domain.notify.ChannelRepository;
import dev.pulse.worker.metric.Tags;
import dev.pulse.worker.persistence.Sql;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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
      "id, project, name, type, url, headers::text, secret, created_at, updated_at";

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Override
  public void create(Channel ch) {
    Sql.update(
        db,
        "insert into channels (id, project, name, type, url, headers, secret, created_at, "
            + "updated_at) values (?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?)",
        ch.id(),
        ch.project(),
        ch.name(),
        ch.type(),
        ch.url(),
        Tags.json(new TreeMap<>(ch.headers())),
        ch.secret(),
        ch.createdAt(),
        ch.updatedAt());
  }

  @Override
  public boolean update(Channel ch) {
    return Sql.update(
            db,
            "update channels set name = ?, type = ?, url = ?, headers = cast(? as jsonb), "
                + "secret = ?, updated_at = ? where project = ? and id = ?",
            ch.name(),
            ch.type(),
            ch.url(),
            Tags.json(new TreeMap<>(ch.headers())),
            ch.secret(),
            ch.updatedAt(),
            ch.project(),
            ch.id())
        == 1;
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

  /** Any project's channel, for the sender. */
  public Optional<Channel> find(UUID id) {
    return query("select " + COLUMNS + " from channels where id = ?", id).stream().findFirst();
  }

  @Override
  public List<Channel> list(String project) {
    return query(
        "select " + COLUMNS + " from channels where project = ? order by created_at, id", project);
  }

  private List<Channel> query(String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, params);
      List<Channel> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, String> headers = Tags.parse(rs.getString(6));
          out.add(
              new Channel(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  headers,
                  rs.getString(7),
                  Sql.instant(rs, 8),
                  Sql.instant(rs, 9)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("channels: " + e.getMessage(), e);
    }
  }
}
