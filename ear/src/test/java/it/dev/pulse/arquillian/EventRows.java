package it.dev.pulse.arquillian;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * EventRows reads and cleans the events table behind the code under test, through the same
 * persistence unit and (inside a caller's transaction) the same connection. Test-only.
 */
@Stateless
public class EventRows {

  @PersistenceContext(unitName = "pulse")
  EntityManager em;

  @Resource(lookup = "jdbc/pulse")
  DataSource dataSource;

  /** The JDBC URL behind {@code jdbc/pulse}: which PostgreSQL this server talks to. */
  public String databaseUrl() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getURL();
    }
  }

  /** The class behind the EntityManager: Hibernate's, from the shared library hibernateLib. */
  public String sessionClass() {
    return em.getDelegate().getClass().getName();
  }

  public long countOf(String project) {
    return ((Number)
            em.createNativeQuery("select count(*) from events where project = ?1")
                .setParameter(1, project)
                .getSingleResult())
        .longValue();
  }

  public int deleteAllOf(String project) {
    return em.createNativeQuery("delete from events where project = ?1")
        .setParameter(1, project)
        .executeUpdate();
  }

  /** The newest Flyway migration applied successfully, e.g. "3". */
  public String schemaVersion() {
    return (String)
        em.createNativeQuery(
                "select version from flyway_schema_history where success and version is not null"
                    + " order by installed_rank desc limit 1")
            .getSingleResult();
  }
}
