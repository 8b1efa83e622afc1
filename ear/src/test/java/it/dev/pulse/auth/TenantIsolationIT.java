package it.dev.pulse.auth;

import static it.dev.pulse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.dev.pulse.support.Accounts;
import it.dev.pulse.support.Api;
import it.dev.pulse.support.Database;
import it.dev.pulse.support.Events;
import it.dev.pulse.support.Poll;
import it.dev.pulse.support.PulseServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Projects, roles and keys: nobody reads or writes another project's data. */
@ExtendWith(PulseServer.class)
class TenantIsolationIT {

  @Test
  void eventsLandInTheKeysProjectAndOnlyItsMembersSeeThem() {
    Accounts.User alice = Accounts.newUser("alice");
    Accounts.User bob = Accounts.newUser("bob");
    String a = Accounts.newProject(alice, "a");
    String b = Accounts.newProject(bob, "b");
    String keyB = Accounts.newKey(bob, b, null).getString("key");

    String type = Events.uniqueType("iso");
    String id = Api.object(Accounts.sendWithKey(keyB, type)).getString("id");
    JsonObject stored =
        Api.object(
            Poll.until(
                Duration.ofSeconds(20),
                "event stored in " + b,
                () -> Api.as("GET", "/api/v1/events/" + id, null, bob.bearer()),
                r -> r.statusCode() == 200));
    assertEquals(b, stored.getString("project"));
    assertEquals(b, Database.projectOf(id));

    // Alice: by id, by filter on b, and her own project's listing: never b's event.
    HttpResponse<String> byId = Api.as("GET", "/api/v1/events/" + id, null, alice.bearer());
    assertProblem(byId, 404);
    assertFalse(byId.body().contains(b), "the 404 does not name the other project: " + byId.body());
    assertProblem(
        Api.as("GET", "/api/v1/events?project=" + b + "&type=" + type, null, alice.bearer()), 404);
    assertProblem(Api.as("GET", "/api/v1/projects/" + b, null, alice.bearer()), 404);
    assertProblem(Api.as("GET", "/api/v1/projects/" + b + "/members", null, alice.bearer()), 404);
    assertProblem(
        Api.as("POST", "/api/v1/projects/" + b + "/keys", "{\"name\":\"x\"}", alice.bearer()), 404);
    JsonObject own =
        Api.object(
            Api.as("GET", "/api/v1/events?project=" + a + "&type=" + type, null, alice.bearer()));
    assertEquals(0, own.getJsonArray("items").size());

    // A key cannot be pointed at another project, and a user token cannot send to a foreign one.
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/events?project=" + a,
            Events.json(UUID.randomUUID(), type, "s"),
            "X-Pulse-Key",
            keyB),
        403);
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/events?project=" + b,
            Events.json(UUID.randomUUID(), type, "s"),
            alice.bearer()),
        404);
  }

  @Test
  void oneProjectCannotOccupyAnothersEventIds() {
    Accounts.User alice = Accounts.newUser("alice");
    Accounts.User bob = Accounts.newUser("bob");
    String a = Accounts.newProject(alice, "ida");
    String b = Accounts.newProject(bob, "idb");
    String keyA = Accounts.newKey(alice, a, null).getString("key");
    String keyB = Accounts.newKey(bob, b, null).getString("key");
    UUID id = UUID.randomUUID();
    // Alice sends Bob's id first; Bob's own event with that id must still be stored, for Bob.
    assertEquals(
        202,
        Api.as("POST", "/api/v1/events", Events.json(id, "from-a", "s"), "X-Pulse-Key", keyA)
            .statusCode());
    assertEquals(
        202,
        Api.as("POST", "/api/v1/events", Events.json(id, "from-b", "s"), "X-Pulse-Key", keyB)
            .statusCode());
    JsonObject bobs =
        Api.object(
            Poll.until(
                Duration.ofSeconds(20),
                "bob's event stored",
                () -> Api.as("GET", "/api/v1/events/" + id, null, bob.bearer()),
                r -> r.statusCode() == 200));
    assertEquals("from-b", bobs.getString("type"));
    JsonObject alices =
        Api.object(
            Poll.until(
                Duration.ofSeconds(20),
                "alice's event stored",
                () -> Api.as("GET", "/api/v1/events/" + id, null, alice.bearer()),
                r -> r.statusCode() == 200));
    assertEquals("from-a", alices.getString("type"));
  }

  @Test
  void nobodyCanClaimTheDefaultProject() {
    Accounts.User mallory = Accounts.newUser("mallory");
    assertProblem(
        Api.as(
            "POST", "/api/v1/projects", "{\"id\":\"default\",\"name\":\"mine\"}", mallory.bearer()),
        409);
    assertProblem(Api.as("GET", "/api/v1/events?project=default", null, mallory.bearer()), 404);
  }

  @Test
  void rolesDecideWhoReadsWritesAndManages() {
    Accounts.User owner = Accounts.newUser("owner");
    Accounts.User viewer = Accounts.newUser("viewer");
    Accounts.User member = Accounts.newUser("member");
    Accounts.User admin = Accounts.newUser("admin");
    String p = Accounts.newProject(owner, "roles");
    Accounts.addMember(owner, p, viewer, "viewer");
    Accounts.addMember(owner, p, member, "member");
    Accounts.addMember(owner, p, admin, "admin");
    String event = Events.json(UUID.randomUUID(), Events.uniqueType("roles"), "s");

    // Viewers read, and nothing else.
    assertEquals(
        200, Api.as("GET", "/api/v1/events?project=" + p, null, viewer.bearer()).statusCode());
    assertEquals(
        200,
        Api.as("GET", "/api/v1/projects/" + p + "/members", null, viewer.bearer()).statusCode());
    assertProblem(Api.as("POST", "/api/v1/events?project=" + p, event, viewer.bearer()), 403);
    assertProblem(
        Api.as("POST", "/api/v1/projects/" + p + "/keys", "{\"name\":\"x\"}", viewer.bearer()),
        403);
    assertProblem(Api.as("GET", "/api/v1/projects/" + p + "/keys", null, viewer.bearer()), 403);

    // Members also ingest with their own token; keys and members stay out of reach.
    assertEquals(
        202, Api.as("POST", "/api/v1/events?project=" + p, event, member.bearer()).statusCode());
    assertProblem(Api.as("POST", "/api/v1/events", event, member.bearer()), 400, "project");
    assertProblem(
        Api.as("POST", "/api/v1/projects/" + p + "/keys", "{\"name\":\"x\"}", member.bearer()),
        403);
    assertProblem(
        Api.as(
            "POST",
            "/api/v1/projects/" + p + "/members",
            "{\"email\":\"" + Accounts.uniqueEmail("x") + "\",\"role\":\"viewer\"}",
            member.bearer()),
        403);

    // Admins manage keys and lower members, not admins or owners.
    assertEquals(
        201,
        Api.as("POST", "/api/v1/projects/" + p + "/keys", "{\"name\":\"ci\"}", admin.bearer())
            .statusCode());
    assertEquals(
        200,
        Api.as(
                "PUT",
                "/api/v1/projects/" + p + "/members/" + viewer.id(),
                "{\"role\":\"member\"}",
                admin.bearer())
            .statusCode());
    assertProblem(
        Api.as(
            "PUT",
            "/api/v1/projects/" + p + "/members/" + viewer.id(),
            "{\"role\":\"admin\"}",
            admin.bearer()),
        403);
    assertProblem(
        Api.as("DELETE", "/api/v1/projects/" + p + "/members/" + owner.id(), null, admin.bearer()),
        403);

    // The last owner cannot step down or leave; after handing over, they can.
    assertProblem(
        Api.as(
            "PUT",
            "/api/v1/projects/" + p + "/members/" + owner.id(),
            "{\"role\":\"admin\"}",
            owner.bearer()),
        409);
    assertProblem(
        Api.as("DELETE", "/api/v1/projects/" + p + "/members/" + owner.id(), null, owner.bearer()),
        409);
    assertEquals(
        200,
        Api.as(
                "PUT",
                "/api/v1/projects/" + p + "/members/" + admin.id(),
                "{\"role\":\"owner\"}",
                owner.bearer())
            .statusCode());
    assertEquals(
        204,
        Api.as("DELETE", "/api/v1/projects/" + p + "/members/" + owner.id(), null, owner.bearer())
            .statusCode());
    assertProblem(Api.as("GET", "/api/v1/projects/" + p, null, owner.bearer()), 404);
  }

  @Test
  void keysShowTheirSecretOnceAndStopWorkingWhenRevoked() {
    Accounts.User owner = Accounts.newUser("keys");
    String p = Accounts.newProject(owner, "keys");
    JsonObject created = Accounts.newKey(owner, p, null);
    String secret = created.getString("key");
    assertTrue(secret.startsWith(created.getString("prefix")));
    assertEquals(202, Accounts.sendWithKey(secret, Events.uniqueType("k")).statusCode());
    assertEquals(
        202,
        Api.as(
                "POST",
                "/api/v1/events/batch",
                "[" + Events.json(UUID.randomUUID(), "t", "s") + "]",
                "Authorization",
                "Bearer " + secret)
            .statusCode(),
        "Authorization: Bearer <key> works too");

    HttpResponse<String> listed =
        Api.as("GET", "/api/v1/projects/" + p + "/keys", null, owner.bearer());
    assertEquals(200, listed.statusCode());
    assertFalse(listed.body().contains(secret), "listings never hold the secret: " + listed.body());
    assertTrue(listed.body().contains(created.getString("prefix")));
    assertFalse(Database.storedKeyColumnsContain(secret), "only a digest is stored");

    String keyId = created.getString("id");
    assertEquals(
        204,
        Api.as("DELETE", "/api/v1/projects/" + p + "/keys/" + keyId, null, owner.bearer())
            .statusCode());
    assertProblem(Accounts.sendWithKey(secret, "t"), 401);
    assertProblem(
        Api.as("POST", "/ingest", "{\"name\":\"m\",\"value\":1}", "X-Pulse-Key", secret), 401);
    JsonObject revoked =
        Api.object(Api.as("GET", "/api/v1/projects/" + p + "/keys", null, owner.bearer()))
            .getJsonArray("keys")
            .getJsonObject(0);
    assertFalse(revoked.isNull("revoked_at"), revoked.toString());
  }

  @Test
  void theBootstrapSetUpExistsOnce() {
    JsonObject projects = Api.object(Api.get("/api/v1/projects"));
    assertTrue(
        projects.getJsonArray("projects").stream()
            .anyMatch(
                p ->
                    p.asJsonObject().getString("id").equals("default")
                        && p.asJsonObject().getString("role").equals("owner")),
        projects.toString());
    long bootstrapKeys =
        Api.object(Api.get("/api/v1/projects/default/keys")).getJsonArray("keys").stream()
            .filter(k -> k.asJsonObject().getString("name").equals("bootstrap"))
            .count();
    assertEquals(1, bootstrapKeys);
  }
}
