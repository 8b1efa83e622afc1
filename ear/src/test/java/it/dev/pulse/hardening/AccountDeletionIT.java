package it.dev.pulse.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Accounts.User;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Database;
import it.dev.pulse.support.Events;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Deleting an account: the account and its keys stop working at once, and the events of the
 * projects it alone belonged to are purged in the background, in chunks, not in the request.
 */
@ExtendWith(PulseServer.class)
class AccountDeletionIT {

  @Test
  void keysStopAtOnceAndEventsArePurgedInTheBackground() {
    User owner = Accounts.newUser("leaver");
    String project = Accounts.newProject(owner, "doomed");
    String key = Accounts.newKey(owner, project, null).getString("key");
    // More events than one purge chunk of the test server (100), so the purge takes several.
    List<UUID> ids = new ArrayList<>();
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 450; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      batch.append(i == 0 ? "" : ",").append(Events.json(id, "doomed", "svc"));
    }
    HttpResponse<String> sent =
        Api.as("POST", "/api/v1/events/batch", batch.append(']').toString(), "X-Pulse-Key", key);
    assertEquals(202, sent.statusCode(), sent.body());
    Poll.until(
        Duration.ofSeconds(30), "events stored", () -> Database.countEventsOf(project) == 450);

    HttpResponse<String> deleted = Api.as("DELETE", "/api/v1/users/me", null, owner.bearer());

    assertEquals(202, deleted.statusCode(), "the purge continues in the background");
    assertEquals(401, Accounts.sendWithKey(key, "late").statusCode(), "the key stops at once");
    assertEquals(
        401, Api.as("GET", "/api/v1/users/me", null, owner.bearer()).statusCode(), "account gone");
    Poll.until(
        Duration.ofSeconds(60),
        "the project's events purged",
        () -> Database.countEventsOf(project) == 0);
    Poll.until(Duration.ofSeconds(30), "the project marked purged", () -> isPurged(project));
  }

  @Test
  void anAccountWithoutProjectsOfItsOwnIsDeletedOutright() {
    User loner = Accounts.newUser("loner");

    assertEquals(204, Api.as("DELETE", "/api/v1/users/me", null, loner.bearer()).statusCode());
  }

  @Test
  void aDeletedAccountsAccessTokenIsRefusedByEveryEndpoint() {
    User owner = Accounts.newUser("vanishing");
    String project = Accounts.newProject(owner, "vanishing");

    assertEquals(202, Api.as("DELETE", "/api/v1/users/me", null, owner.bearer()).statusCode());

    for (String path :
        List.of(
            "/api/v1/projects",
            "/api/v1/users/me",
            "/api/v1/events?project=" + project,
            "/api/v1/metrics/names?project=" + project,
            "/api/v1/projects/" + project + "/alerts",
            "/api/v1/projects/" + project + "/rules")) {
      HttpResponse<String> r = Api.as("GET", path, null, owner.bearer());
      assertEquals(401, r.statusCode(), path + " → " + r.body());
      assertTrue(
          r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
          path + " → " + r.headers().map());
    }
    HttpResponse<String> sent =
        Api.as(
            "POST",
            "/api/v1/events?project=" + project,
            Events.json(UUID.randomUUID(), "late", "svc"),
            owner.bearer());
    assertEquals(401, sent.statusCode(), sent.body());
  }

  private static boolean isPurged(String project) {
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement("select purged_at is not null from projects where id = ?")) {
      st.setString(1, project);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
