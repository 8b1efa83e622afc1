package dev.pulse.worker.alerting;

import dev.pulse.domain.silence.LabelMatcher;
import dev.pulse.domain.silence.Recurrence;
import dev.pulse.domain.silence.Silence;
import dev.pulse.domain.silence.SilenceRepository;
import dev.pulse.worker.jdbc.Sql;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** JdbcSilenceRepository keeps silences in {@code silences}, matchers and recurrence as JSON. */
@Stateless
@Local(SilenceRepository.class)
public class JdbcSilenceRepository implements SilenceRepository {

  private static final String COLUMNS =
      "id, project, matchers::text, starts_at, ends_at, comment, recurrence::text, created_by, "
          + "created_at";

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Override
  public void create(Silence s) {
    Sql.update(
        db,
        "insert into silences (id, project, matchers, starts_at, ends_at, comment, recurrence, "
            + "created_by, created_at) values (?, ?, cast(? as jsonb), ?, ?, ?, cast(? as jsonb), "
            + "cast(? as uuid), ?)",
        s.id(),
        s.project(),
        matchers(s.matchers()),
        s.startsAt(),
        s.endsAt(),
        s.comment(),
        recurrence(s.recurrence()),
        s.createdBy(),
        s.createdAt());
  }

  @Override
  public Optional<Silence> find(String project, UUID id) {
    return query("project = ? and id = ?", project, id).stream().findFirst();
  }

  @Override
  public List<Silence> list(String project) {
    return query("project = ? order by created_at desc, id", project);
  }

  /** Ends the silence now (if it has not ended); false when there is no such silence. */
  @Override
  public boolean expire(String project, UUID id, Instant now) {
    return Sql.update(
            db,
            "update silences set ends_at = least(ends_at, ?), starts_at = least(starts_at, ?) "
                + "where project = ? and id = ?",
            now,
            now,
            project,
            id)
        == 1;
  }

  @Override
  public List<Silence> unexpired(Instant now) {
    return query("ends_at > ?", now);
  }

  private List<Silence> query(String where, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("select " + COLUMNS + " from silences where " + where)) {
      Sql.bind(ps, params);
      List<Silence> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Silence(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  matchers(rs.getString(3)),
                  Sql.instant(rs, 4),
                  Sql.instant(rs, 5),
                  rs.getString(6),
                  rs.getString(8),
                  recurrence(rs.getString(7)),
                  Sql.instant(rs, 9)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("silences: " + e.getMessage(), e);
    }
  }

  private static String matchers(List<LabelMatcher> matchers) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    matchers.forEach(
        m ->
            a.add(
                Json.createObjectBuilder()
                    .add("label", m.label())
                    .add("op", m.op().symbol())
                    .add("value", m.value())));
    return a.build().toString();
  }

  private static List<LabelMatcher> matchers(String json) {
    List<LabelMatcher> out = new ArrayList<>();
    try (var r = Json.createReader(new StringReader(json))) {
      for (var v : r.readArray()) {
        JsonObject m = v.asJsonObject();
        out.add(
            new LabelMatcher(
                m.getString("label"),
                LabelMatcher.Op.parse(m.getString("op")).orElseThrow(),
                m.getString("value")));
      }
    }
    return out;
  }

  private static String recurrence(Recurrence r) {
    if (r == null) {
      return null;
    }
    JsonArrayBuilder days = Json.createArrayBuilder();
    r.days().stream().sorted().forEach(d -> days.add(d.name().substring(0, 3).toLowerCase()));
    return Json.createObjectBuilder()
        .add("days", days)
        .add("from", r.from().toString())
        .add("to", r.to().toString())
        .add("timezone", r.zone().getId())
        .build()
        .toString();
  }

  private static Recurrence recurrence(String json) {
    if (json == null) {
      return null;
    }
    try (var reader = Json.createReader(new StringReader(json))) {
      JsonObject o = reader.readObject();
      EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
      JsonArray a = o.getJsonArray("days");
      for (int i = 0; i < a.size(); i++) {
        String d = a.getString(i);
        for (DayOfWeek w : DayOfWeek.values()) {
          if (w.name().toLowerCase().startsWith(d)) {
            days.add(w);
          }
        }
      }
      return new Recurrence(
          days,
          LocalTime.parse(o.getString("from")),
          LocalTime.parse(o.getString("to")),
          ZoneId.of(o.getString("timezone")));
    }
  }
}
