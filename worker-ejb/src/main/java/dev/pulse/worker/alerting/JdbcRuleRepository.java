package dev.pulse.worker.alerting;

import dev.pulse.domain.rule.RuleRepository;
import dev.pulse.domain.rule.StoredRule;
import dev.pulse.worker.jdbc.Sql;
import jakarta.annotation.Resource;
import jakarta.ejb.Local;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** JdbcRuleRepository keeps rules in {@code rules}, each as the JSON document its author sent. */
@Stateless
@Local(RuleRepository.class)
public class JdbcRuleRepository implements RuleRepository {

  private static final String COLUMNS = "id, project, spec::text, created_at, updated_at";

  @Resource(lookup = "jdbc/pulse")
  DataSource db;

  @Override
  public void create(StoredRule r) {
    Sql.update(
        db,
        "insert into rules (id, project, spec, enabled, created_at, updated_at) "
            + "values (?, ?, cast(? as jsonb), ?, ?, ?)",
        r.id(),
        r.project(),
        RuleJson.write(r.draft()),
        r.enabled(),
        Sql.ts(r.createdAt()),
        Sql.ts(r.updatedAt()));
  }

  @Override
  public boolean update(StoredRule r) {
    return Sql.update(
            db,
            "update rules set spec = cast(? as jsonb), enabled = ?, updated_at = ? "
                + "where project = ? and id = ?",
            RuleJson.write(r.draft()),
            r.enabled(),
            Sql.ts(r.updatedAt()),
            r.project(),
            r.id())
        == 1;
  }

  @Override
  public boolean delete(String project, UUID id) {
    return Sql.update(db, "delete from rules where project = ? and id = ?", project, id) == 1;
  }

  @Override
  public Optional<StoredRule> find(String project, UUID id) {
    List<StoredRule> found =
        query("select " + COLUMNS + " from rules where project = ? and id = ?", project, id);
    return found.stream().findFirst();
  }

  @Override
  public List<StoredRule> list(String project, UUID after, int limit) {
    if (after == null) {
      return query(
          "select " + COLUMNS + " from rules where project = ? order by created_at, id limit ?",
          project,
          limit);
    }
    return query(
        "select "
            + COLUMNS
            + " from rules where project = ? and (created_at, id) > "
            + "(select created_at, id from rules where id = ?) order by created_at, id limit ?",
        project,
        after,
        limit);
  }

  @Override
  public List<StoredRule> all() {
    return query(
        "select "
            + COLUMNS
            + " from rules r where exists (select 1 from projects p where p.id = r.project "
            + "and p.deleted_at is null) order by created_at, id");
  }

  private List<StoredRule> query(String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(ps, params);
      List<StoredRule> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new StoredRule(
                  rs.getObject(1, UUID.class),
                  rs.getString(2),
                  RuleJson.read(rs.getString(3)),
                  Sql.instant(rs, 4),
                  Sql.instant(rs, 5)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("rules: " + e.getMessage(), e);
    }
  }
}
