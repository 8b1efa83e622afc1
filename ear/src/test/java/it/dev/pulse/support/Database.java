package it.dev.pulse.support;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;

/** Database reads the test PostgreSQL directly, to check what the worker stored. */
public final class Database {

  private Database() {}

  /** How many rows the events table holds for these ids (each id counted per row). */
  public static long countRows(Collection<UUID> ids) {
    try (Connection c = connect();
        PreparedStatement st =
            c.prepareStatement("select count(*) from events where id = any(?)")) {
      Array array = c.createArrayOf("uuid", ids.toArray());
      st.setArray(1, array);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many of these ids have at least one row. */
  public static long countDistinctIds(Collection<UUID> ids) {
    try (Connection c = connect();
        PreparedStatement st =
            c.prepareStatement("select count(distinct id) from events where id = any(?)")) {
      st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static long countRows(UUID id) {
    return countRows(java.util.List.of(id));
  }

  public static long countEventsOf(String project) {
    try (Connection c = connect();
        PreparedStatement st =
            c.prepareStatement("select count(*) from events where project = ?")) {
      st.setString(1, project);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String projectOf(String eventId) {
    try (Connection c = connect();
        PreparedStatement st =
            c.prepareStatement("select project from events where id = ?::uuid")) {
      st.setString(1, eventId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether any column of any stored secret (keys, refresh tokens, users) holds {@code text}. */
  public static boolean storedKeyColumnsContain(String text) {
    String sql =
        "select (select count(*) from api_keys k where k::text like '%' || ? || '%')"
            + " + (select count(*) from refresh_tokens t where t::text like '%' || ? || '%')"
            + " + (select count(*) from users u where u::text like '%' || ? || '%')";
    try (Connection c = connect();
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 1; i <= 3; i++) {
        st.setString(i, text);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(TestEnv.dbUrl(), TestEnv.dbUser(), TestEnv.dbPassword());
  }
}
